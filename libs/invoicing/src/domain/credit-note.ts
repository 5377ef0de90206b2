import { rational, roundHalfAwayFromZero } from '@billing/kernel';
import type { InvoiceRecord } from './invoice-record';
import type { InvoiceSnapshot } from './invoice-snapshot';

/** The longest `reason` of a credit note (the API checks it). */
export const CREDIT_NOTE_REASON_MAX_LENGTH = 500;

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
  appliedTo: 'invoice' | 'credit_balance' | 'refund';
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
