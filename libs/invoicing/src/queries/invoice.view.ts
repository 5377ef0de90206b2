import { amountRemaining, InvoiceState } from '../domain/invoice';
import type { InvoiceLineRecord, InvoiceRecord } from '../domain/invoice-record';

export interface InvoiceLineView {
  id: string;
  type: string;
  description: string;
  subscription_id: string | null;
  plan_code: string | null;
  metric_code: string | null;
  quantity: string;
  unit_amount: string;
  amount: number;
  tax_amount: number;
  tax_rate_id: string | null;
  period_start: string | null;
  period_end: string | null;
}

/** An invoice as the API shows it, and the payload of its events. */
export interface InvoiceView {
  id: string;
  object: 'invoice';
  number: string;
  account_id: string;
  subscription_id: string | null;
  currency: string;
  status: string;
  billing_reason: string;
  issued_at: string;
  due_at: string;
  period_start: string | null;
  period_end: string | null;
  lines: InvoiceLineView[];
  subtotal: number;
  tax: number;
  total: number;
  credit_applied: number;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  notes: string[];
  paid_at: string | null;
  voided_at: string | null;
  created_at: string;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toInvoiceView(invoice: InvoiceRecord, lines: readonly InvoiceLineRecord[]): InvoiceView {
  return {
    id: invoice.id,
    object: 'invoice',
    number: invoice.number,
    account_id: invoice.accountId,
    subscription_id: invoice.subscriptionId,
    currency: invoice.currency,
    status: invoice.status,
    billing_reason: invoice.billingReason,
    issued_at: invoice.issuedAt.toISOString(),
    due_at: invoice.dueAt.toISOString(),
    period_start: iso(invoice.periodStart),
    period_end: iso(invoice.periodEnd),
    lines: [...lines]
      .sort((a, b) => a.position - b.position)
      .map((line) => ({
        id: line.id,
        type: line.type,
        description: line.description,
        subscription_id: line.subscriptionId,
        plan_code: line.planCode,
        metric_code: line.metricCode,
        quantity: line.quantity,
        unit_amount: line.unitAmount,
        amount: line.amount,
        tax_amount: line.taxAmount,
        tax_rate_id: line.taxRateId,
        period_start: iso(line.periodStart),
        period_end: iso(line.periodEnd),
      })),
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    credit_applied: invoice.creditApplied,
    amount_due: invoice.amountDue,
    amount_paid: invoice.amountPaid,
    amount_remaining: amountRemaining(invoice),
    notes: invoice.notes,
    paid_at: iso(invoice.paidAt),
    voided_at: iso(invoice.voidedAt),
    created_at: invoice.createdAt.toISOString(),
  };
}

/** The view of an invoice's state (what its events carry). */
export function toInvoiceViewOf(state: Readonly<InvoiceState>): InvoiceView {
  return toInvoiceView(state.invoice, state.lines);
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'invoice.created': InvoiceView;
    'invoice.finalized': InvoiceView;
    'invoice.paid': InvoiceView;
    'invoice.payment_failed': InvoiceView;
    'invoice.voided': InvoiceView;
    'invoice.overdue': InvoiceView;
    'invoice.marked_uncollectible': InvoiceView;
  }
}
