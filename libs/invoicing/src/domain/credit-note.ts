import { rational, roundHalfAwayFromZero } from '@billing/kernel';
import type { InvoiceRecord } from './invoice-record';
import type { InvoiceSnapshot } from './invoice-snapshot';

export interface CreditNoteView {
  id: string;
  object: 'credit_note';
  number: string;
  invoice_id: string;
  account_id: string;
  currency: string;
  /** What the note credits, tax included: `total`. */
  amount: number;
  subtotal: number;
  tax: number;
  total: number;
  reason: string | null;
  refund: boolean;
  applied_to: 'invoice' | 'credit_balance';
  created_at: string;
}

/** A credit note as stored. */
export interface CreditNoteRecord {
  id: string;
  number: string;
  invoiceId: string;
  accountId: string;
  currency: string;
  amount: number;
  subtotal: number;
  tax: number;
  reason: string | null;
  refund: boolean;
  appliedTo: 'invoice' | 'credit_balance';
  /** The parties and the invoice's tax rates when the note was issued. */
  snapshot: InvoiceSnapshot;
  createdAt: Date;
}

export const formatCreditNoteNumber = (value: number) => `CN-${String(value).padStart(6, '0')}`;

/**
 * The net/tax split of crediting `amount` (tax included) of an invoice: its tax pro rata of the invoice's,
 * rounded once. Mirrors the invoice: with exclusive taxes the subtotal is net of tax, with inclusive taxes
 * the subtotal holds the tax (as the invoice's lines do), and the total is the amount either way.
 */
export function creditNoteAmounts(amount: number, invoice: Pick<InvoiceRecord, 'subtotal' | 'tax' | 'total'>) {
  const tax = invoice.total === 0 ? 0 : roundHalfAwayFromZero(rational(BigInt(amount) * BigInt(invoice.tax), invoice.total));
  const exclusive = invoice.total !== invoice.subtotal;
  return { subtotal: exclusive ? amount - tax : amount, tax, total: amount };
}

export function toCreditNoteView(note: CreditNoteRecord): CreditNoteView {
  return {
    id: note.id,
    object: 'credit_note',
    number: note.number,
    invoice_id: note.invoiceId,
    account_id: note.accountId,
    currency: note.currency,
    amount: note.amount,
    subtotal: note.subtotal,
    tax: note.tax,
    total: note.amount,
    reason: note.reason,
    refund: note.refund,
    applied_to: note.appliedTo,
    created_at: note.createdAt.toISOString(),
  };
}
