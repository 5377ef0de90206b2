import { Interval } from './periods';
import type { SubscriptionStatus } from './subscription';

/** The statuses whose recurring fee counts in MRR: a trial, a pause and an ended subscription count 0. */
export const MRR_STATUSES: readonly SubscriptionStatus[] = ['active', 'past_due'];

/** Months per interval as a fraction over 12: a day is 365/12 of a month's days, a week 52/12, a year 1/12. */
const TWELFTHS_OF_A_MONTH: Record<Interval, bigint> = { day: 365n, week: 52n, month: 12n, year: 1n };

export interface BillableState {
  /** The recurring fee per unit, in minor units. */
  unitAmount: number;
  quantity: number;
  interval: Interval;
  intervalCount: number;
  status: SubscriptionStatus;
}

/**
 * A subscription's monthly recurring revenue in minor units: the fee per unit × quantity normalised to a month
 * (a day × 365/12, a week × 52/12, a year ÷ 12, divided by `interval_count`), exact in integers and rounded
 * once, half up. Usage and tax never count. The migration's backfill (1764000001300-analytics.ts) does the same
 * sum in SQL.
 */
export function monthlyRecurringRevenue(state: BillableState): number {
  if (!MRR_STATUSES.includes(state.status)) return 0;
  const numerator = BigInt(state.unitAmount) * BigInt(state.quantity) * TWELFTHS_OF_A_MONTH[state.interval];
  const denominator = 12n * BigInt(state.intervalCount);
  return Number((2n * numerator + denominator) / (2n * denominator));
}
