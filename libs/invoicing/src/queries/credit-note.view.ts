import type { CreditNoteRecord } from '../domain/credit-note';

/** A credit note as the API shows it, and the payload of its event. */
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
  applied_to: 'invoice' | 'credit_balance' | 'refund';
  created_at: string;
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

declare module '@billing/kernel' {
  interface EventPayloads {
    'credit_note.created': CreditNoteView;
  }
}
