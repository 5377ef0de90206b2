import type { LineType } from '../domain/generate-invoices';
import type { InvoiceLineRecord, InvoiceRecord, InvoiceStatus } from '../domain/invoice-record';
import type { InvoiceSnapshot } from '../domain/invoice-snapshot';

/**
 * Invoices and their lines read with plain SQL, for the paths that load hundreds at once (payments' outcomes,
 * dunning): the same records as the entities, without the ORM's hydration.
 */
export const INVOICE_COLUMNS = `id, number, account_id, subscription_id, currency, status, billing_reason, effective_at, issued_at,
  due_at, period_start, period_end, subtotal, tax, total, credit_applied, amount_due, amount_paid, amount_credited, amount_refunded,
  notes, snapshot, paid_at, voided_at, created_at, updated_at`;

export const LINE_COLUMNS = `id, invoice_id, position, type, description, subscription_id, plan_code, metric_code, quantity, unit_amount,
  amount, tax_amount, tax_rate_id, period_start, period_end, billing_event_id`;

export interface InvoiceRow {
  id: string;
  number: string;
  account_id: string;
  subscription_id: string | null;
  currency: string;
  status: InvoiceStatus;
  billing_reason: string;
  effective_at: Date;
  issued_at: Date;
  due_at: Date;
  period_start: Date | null;
  period_end: Date | null;
  subtotal: string;
  tax: string;
  total: string;
  credit_applied: string;
  amount_due: string;
  amount_paid: string;
  amount_credited: string;
  amount_refunded: string;
  notes: string[];
  snapshot: InvoiceSnapshot;
  paid_at: Date | null;
  voided_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface LineRow {
  id: string;
  invoice_id: string;
  position: number;
  type: LineType;
  description: string;
  subscription_id: string | null;
  plan_code: string | null;
  metric_code: string | null;
  quantity: string;
  unit_amount: string;
  amount: string;
  tax_amount: string;
  tax_rate_id: string | null;
  period_start: Date | null;
  period_end: Date | null;
  billing_event_id: string | null;
}

export const toInvoiceRecord = (row: InvoiceRow): InvoiceRecord => ({
  id: row.id,
  number: row.number,
  accountId: row.account_id,
  subscriptionId: row.subscription_id,
  currency: row.currency,
  status: row.status,
  billingReason: row.billing_reason,
  effectiveAt: row.effective_at,
  issuedAt: row.issued_at,
  dueAt: row.due_at,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  subtotal: Number(row.subtotal),
  tax: Number(row.tax),
  total: Number(row.total),
  creditApplied: Number(row.credit_applied),
  amountDue: Number(row.amount_due),
  amountPaid: Number(row.amount_paid),
  amountCredited: Number(row.amount_credited),
  amountRefunded: Number(row.amount_refunded),
  notes: row.notes,
  snapshot: row.snapshot,
  paidAt: row.paid_at,
  voidedAt: row.voided_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toLineRecord = (row: LineRow): InvoiceLineRecord => ({
  id: row.id,
  invoiceId: row.invoice_id,
  position: row.position,
  type: row.type,
  description: row.description,
  subscriptionId: row.subscription_id,
  planCode: row.plan_code,
  metricCode: row.metric_code,
  quantity: row.quantity,
  unitAmount: row.unit_amount,
  amount: Number(row.amount),
  taxAmount: Number(row.tax_amount),
  taxRateId: row.tax_rate_id,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  billingEventId: row.billing_event_id,
});
