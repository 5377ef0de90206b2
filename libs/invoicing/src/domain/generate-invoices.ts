import { formatRational, MAX_DECIMALS, rational, sumAmounts } from '@billing/kernel';
import { BillingEventType, daysBetween } from '@billing/subscriptions/domain';
import { UsageCharge, usageWindowKey } from '@billing/usage/domain';
import { CatalogNames, DocumentParties, InvoiceSnapshot } from './invoice-snapshot';
import { formatPeriod } from './period-format';
import { lineTax, TaxTreatment } from './taxes';

/** A billing event not yet invoiced (the subscription lib records them; see BillingEvent there). */
export interface BillableEvent {
  id: string;
  subscriptionId: string;
  type: BillingEventType;
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
  /** What the document prints, frozen at finalization. */
  snapshot: InvoiceSnapshot;
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
  /** The seller, the buyer and the account's zone, frozen into each invoice. */
  parties: DocumentParties;
  /** Plan and metric names for the line descriptions (a code stands in for a name that is missing). */
  names: CatalogNames;
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
    const describe = describer(input);
    const lines = [...group.flatMap((event) => eventLine(event, describe)), ...usage.map((charge) => usageLine(charge, describe))].map(
      (line) => taxed(line, input.tax),
    );
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

/** Line descriptions in the account's zone, with inclusive dates and the catalog's names. */
function describer({ parties, names }: GenerateInput) {
  const period = (start: Date, end: Date) => formatPeriod(start, end, parties.timeZone) ?? '';
  const days = (start: Date, end: Date) => daysBetween(start, end, parties.timeZone);
  return {
    plan: (code: string) => names.plans.get(code) ?? code,
    metric: (code: string) => names.metrics.get(code) ?? code,
    period,
    /** "11 Apr 2027 – 30 Apr 2027, 20 days": the days a prorated line covers. */
    days: (start: Date, end: Date) => `${period(start, end)}, ${days(start, end)} ${days(start, end) === 1 ? 'day' : 'days'}`,
  };
}

type Describer = ReturnType<typeof describer>;

function eventLine(event: BillableEvent, describe: Describer): DraftLine[] {
  switch (event.type) {
    case 'period_started':
    case 'proration_credit':
    case 'proration_charge':
      return [chargedLine(event, event.type, event.amount ?? 0, describe)];
    case 'trial_started':
    case 'trial_ended':
    case 'plan_changed':
    case 'paused':
    case 'resumed':
    case 'canceled':
      // Facts that bill nothing by themselves: they close usage windows and name the invoice's reason.
      return [];
    default:
      return unreachable(event.type);
  }
}

function chargedLine(
  event: BillableEvent,
  type: 'period_started' | 'proration_credit' | 'proration_charge',
  amount: number,
  describe: Describer,
): DraftLine {
  const base = {
    subscriptionId: event.subscriptionId,
    planCode: event.planCode,
    metricCode: null,
    quantity: String(event.quantity),
    unitAmount: String(event.unitAmount),
    amount,
    taxAmount: 0,
    taxRateId: null,
    periodStart: event.periodStart,
    periodEnd: event.periodEnd,
    billingEventId: event.id,
  };
  const plan = `${describe.plan(event.planCode)} × ${event.quantity}`;
  if (type === 'period_started')
    return { ...base, type: 'subscription', description: `${plan} (${describe.period(event.periodStart, event.periodEnd)})` };
  // A prorated line's unit amount is its amount per unit, exact to 12 decimals (Stripe's unit_amount_decimal),
  // so that quantity × unit_amount gives the amount: a full price would not.
  const unitAmount = formatRational(rational(amount, event.quantity), MAX_DECIMALS);
  const days = describe.days(event.periodStart, event.periodEnd);
  const what = type === 'proration_credit' ? 'Unused time' : 'Remaining time';
  return { ...base, type: 'proration', unitAmount, description: `${what} on ${plan} (${days})` };
}

function unreachable(type: never): never {
  throw new Error(`Unknown billing event type ${String(type)}`);
}

function usageLine(charge: UsageCharge, describe: Describer): DraftLine {
  const what = `${describe.metric(charge.metricCode)}: ${charge.description}`;
  return {
    type: 'usage',
    description: charge.late ? `${what} (late usage, ${describe.period(charge.periodStart, charge.periodEnd)})` : what,
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
  const subtotal = sumAmounts(
    lines.map((line) => line.amount),
    'The invoice subtotal',
  );
  const tax = sumAmounts(
    lines.map((line) => line.taxAmount),
    'The invoice tax',
  );
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
    snapshot: snapshotOf(lines, input),
  };
}

/** The parties, and the names and tax rates the lines use, as they are now. */
function snapshotOf(lines: readonly DraftLine[], { parties, names, tax }: GenerateInput): InvoiceSnapshot {
  const named = (codes: (string | null)[], of: ReadonlyMap<string, string>) =>
    Object.fromEntries([...new Set(codes.filter((code): code is string => code !== null))].map((code) => [code, of.get(code) ?? code]));
  return {
    seller: parties.seller,
    buyer: parties.buyer,
    time_zone: parties.timeZone,
    plans: named(
      lines.map((line) => line.planCode),
      names.plans,
    ),
    metrics: named(
      lines.map((line) => line.metricCode),
      names.metrics,
    ),
    tax_rates:
      tax.kind === 'taxed'
        ? { [tax.rate.id]: { name: tax.rate.name, percentage: tax.rate.percentage, inclusive: tax.rate.inclusive } }
        : {},
  };
}

function billingReason(group: BillableEvent[]): DraftInvoice['billingReason'] {
  const types = new Set(group.map((event) => event.type));
  if (types.has('canceled') || types.has('paused')) return 'subscription_end';
  const updates: BillingEventType[] = ['proration_credit', 'proration_charge', 'plan_changed', 'resumed'];
  if (updates.some((type) => types.has(type))) return 'subscription_update';
  return 'subscription_cycle';
}

const minDate = (dates: Date[]) => new Date(Math.min(...dates.map((date) => date.getTime())));
const maxDate = (dates: Date[]) => new Date(Math.max(...dates.map((date) => date.getTime())));
