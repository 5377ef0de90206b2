import type { DraftLine } from './generate-invoices';
import type { InvoiceSnapshot } from './invoice-snapshot';

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** An invoice as stored, whether read back (the entity) or just written (the bill run). */
export interface InvoiceRecord {
  id: string;
  number: string;
  accountId: string;
  subscriptionId: string | null;
  currency: string;
  status: InvoiceStatus;
  billingReason: string;
  effectiveAt: Date;
  issuedAt: Date;
  dueAt: Date;
  periodStart: Date | null;
  periodEnd: Date | null;
  subtotal: number;
  tax: number;
  total: number;
  creditApplied: number;
  amountDue: number;
  amountPaid: number;
  amountCredited: number;
  /** Of what was paid, what credit notes sent back through the payment provider. */
  amountRefunded: number;
  notes: string[];
  /** What the document prints, frozen at finalization. */
  snapshot: InvoiceSnapshot;
  paidAt: Date | null;
  voidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A draft line once stored: with its id, its invoice and its position there. */
export interface InvoiceLineRecord extends DraftLine {
  id: string;
  invoiceId: string;
  position: number;
}
