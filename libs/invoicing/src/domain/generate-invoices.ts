import { sumAmounts } from '@billing/core';
import type { UsageCharge } from '@billing/usage';
import { usageWindowKey } from '@billing/usage';
import { lineTax, TaxTreatment } from './taxes';

/** A billing event not yet invoiced (the subscription lib records them; see BillingEvent there). */
export interface BillableEvent {
  id: string;
  subscriptionId: string;
  type: string;
  effectiveAt: Date;
  periodStart: Date;
  periodEnd: Date;
  planCode: string;
  quantity: number;
  unitAmount: number;
  amount: number | null;
}

export type LineType = 'subscription' | 'proration' | 'usage' | 'credit';

export interface DraftLine {
  type: LineType;
  description: string;
  subscriptionId: string | null;
  planCode: string | null;
  metricCode: string | null;
  quantity: string;
  unitAmount: string;
  amount: number;
  taxAmount: number;
  taxRateId: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  billingEventId: string | null;
}

export interface DraftInvoice {
  subscriptionId: string;
  /** The instant of the billing events this invoice bills: one invoice per subscription and instant. */
  effectiveAt: Date;
  billingReason: 'subscription_cycle' | 'subscription_update' | 'subscription_end';
  periodStart: Date;
  periodEnd: Date;
  lines: DraftLine[];
  subtotal: number;
  tax: number;
  total: number;
  creditApplied: number;
  amountDue: number;
  status: 'open' | 'paid';
  issuedAt: Date;
  dueAt: Date;
  notes: string[];
  /** Every billing event of the group, lines or not: all are marked billed together. */
  billingEventIds: string[];
}

export interface GenerateInput {
  currency: string;
  /** Credit available on the account (minor units, ≥ 0). */
  creditBalance: number;
  netTermsDays: number;
  tax: TaxTreatment;
  events: readonly BillableEvent[];
  /** Usage to bill on the invoice of a subscription's instant, keyed by `usageWindowKey`. */
  usage?: ReadonlyMap<string, readonly UsageCharge[]>;
  issuedAt: Date;
}

export interface GenerateResult {
  invoices: DraftInvoice[];
  creditBalance: number;
  /** Billing events that bill nothing (a trial starting, a cancel without usage): settled without an invoice. */
  settledWithoutInvoice: string[];
}

/**
 * The invoices due from an account's unbilled billing events: one per subscription and instant (a
 * renewal's fee with the past period's usage; a change's credit and charge together), each line taxed
 * once, then the account's credit applied oldest invoice first. Pure: the bill run and the preview both
 * call it.
 */
export function generateInvoices(input: GenerateInput): GenerateResult {
  let creditBalance = input.creditBalance;
  const invoices: DraftInvoice[] = [];
  const settledWithoutInvoice: string[] = [];
  for (const group of groupByInstant(input.events)) {
    const usage = input.usage?.get(usageWindowKey(group[0].subscriptionId, group[0].effectiveAt)) ?? [];
    const lines = [...group.flatMap(eventLine), ...usage.map(usageLine)].map((line) => taxed(line, input.tax));
    if (lines.length === 0) {
      settledWithoutInvoice.push(...group.map((event) => event.id));
      continue;
    }
    const draft = draftInvoice(group, lines, input);
    if (draft.total < 0) {
      // A negative net becomes credit: amount_due stays total − credit_applied (= 0).
      creditBalance = sumAmounts([creditBalance, -draft.total], 'The credit balance');
      draft.creditApplied = draft.total;
    } else {
      draft.creditApplied = Math.min(creditBalance, draft.total);
      creditBalance -= draft.creditApplied;
    }
    draft.amountDue = draft.total - draft.creditApplied;
    draft.status = draft.amountDue === 0 ? 'paid' : 'open';
    invoices.push(draft);
  }
  return { invoices, creditBalance, settledWithoutInvoice };
}

function groupByInstant(events: readonly BillableEvent[]): BillableEvent[][] {
  const groups = new Map<string, BillableEvent[]>();
  const ordered = [...events].sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime() || a.id.localeCompare(b.id));
  for (const event of ordered) {
    const key = usageWindowKey(event.subscriptionId, event.effectiveAt);
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return [...groups.values()];
}

function eventLine(event: BillableEvent): DraftLine[] {
  if (event.amount === null) return [];
  const base = {
    subscriptionId: event.subscriptionId,
    planCode: event.planCode,
    metricCode: null,
    quantity: String(event.quantity),
    unitAmount: String(event.unitAmount),
    amount: event.amount,
    taxAmount: 0,
    taxRateId: null,
    periodStart: event.periodStart,
    periodEnd: event.periodEnd,
    billingEventId: event.id,
  };
  const period = `${day(event.periodStart)} – ${day(event.periodEnd)}`;
  switch (event.type) {
    case 'period_started':
      return [{ ...base, type: 'subscription', description: `${event.planCode} × ${event.quantity} (${period})` }];
    case 'proration_credit':
      return [{ ...base, type: 'proration', description: `Unused time on ${event.planCode} × ${event.quantity} (${period})` }];
    case 'proration_charge':
      return [{ ...base, type: 'proration', description: `Remaining time on ${event.planCode} × ${event.quantity} (${period})` }];
    default:
      return [{ ...base, type: 'credit', description: `${event.type} ${event.planCode} (${period})` }];
  }
}

function usageLine(charge: UsageCharge): DraftLine {
  return {
    type: 'usage',
    description: charge.late ? `${charge.description} (late usage)` : charge.description,
    subscriptionId: charge.subscriptionId,
    planCode: null,
    metricCode: charge.metricCode,
    quantity: charge.quantity,
    unitAmount: charge.unitAmount,
    amount: charge.amount,
    taxAmount: 0,
    taxRateId: null,
    periodStart: charge.periodStart,
    periodEnd: charge.periodEnd,
    billingEventId: null,
  };
}

function taxed(line: DraftLine, tax: TaxTreatment): DraftLine {
  if (tax.kind !== 'taxed') return line;
  return { ...line, taxAmount: lineTax(line.amount, tax.rate), taxRateId: tax.rate.id };
}

function draftInvoice(group: BillableEvent[], lines: DraftLine[], input: GenerateInput): DraftInvoice {
  const subtotal = sumAmounts(lines.map((line) => line.amount), 'The invoice subtotal');
  const tax = sumAmounts(lines.map((line) => line.taxAmount), 'The invoice tax');
  const exclusive = input.tax.kind === 'taxed' && !input.tax.rate.inclusive;
  const fee = group.find((event) => event.type === 'period_started');
  const periodStart = fee?.periodStart ?? minDate(group.map((event) => event.periodStart));
  const periodEnd = fee?.periodEnd ?? maxDate(group.map((event) => event.periodEnd));
  return {
    subscriptionId: group[0].subscriptionId,
    effectiveAt: group[0].effectiveAt,
    billingReason: billingReason(group),
    periodStart,
    periodEnd,
    lines,
    subtotal,
    tax,
    total: exclusive ? sumAmounts([subtotal, tax], 'The invoice total') : subtotal,
    creditApplied: 0,
    amountDue: 0,
    status: 'open',
    issuedAt: input.issuedAt,
    dueAt: new Date(input.issuedAt.getTime() + input.netTermsDays * 86_400_000),
    notes: input.tax.kind === 'reverse_charge' ? [input.tax.note] : [],
    billingEventIds: group.map((event) => event.id),
  };
}

function billingReason(group: BillableEvent[]): DraftInvoice['billingReason'] {
  const types = new Set(group.map((event) => event.type));
  if (types.has('canceled') || types.has('paused')) return 'subscription_end';
  if (types.has('proration_credit') || types.has('proration_charge') || types.has('resumed')) return 'subscription_update';
  return 'subscription_cycle';
}

const minDate = (dates: Date[]) => new Date(Math.min(...dates.map((date) => date.getTime())));
const maxDate = (dates: Date[]) => new Date(Math.max(...dates.map((date) => date.getTime())));
const day = (date: Date) => date.toISOString().slice(0, 10);
