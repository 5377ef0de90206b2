import { parseDecimal } from '@billing/kernel';
import type { Aggregation } from '@billing/catalog/domain';
import { formatRational, subtractRationals } from '@billing/kernel';
import { money, RatedCharge } from './rating';

/** What an invoiced period billed for one metric so far (every invoice line of it, late ones included). */
export interface BilledUsage {
  quantity: string;
  amount: number;
}

export interface LateUsage {
  /** The added quantity for `count` and `sum`; the period's new quantity for `max`, `latest`, `unique_count`. */
  quantity: string;
  /** The correction in minor units: may be negative (a `volume` total crossing into a cheaper tier). */
  amount: number;
  unitAmount: string;
  description: string;
}

/**
 * The line for events that arrived after their period was invoiced: the period re-rated with every event
 * now known, less what it already billed. Billing the difference, not the late events alone, keeps tiers
 * right (late calls on top of 1500 are priced at the 1001+ tier, not from the free tier again), and the
 * lines of a period always add up to the rating of all its events. Null when nothing changed in money.
 */
export function lateUsage(aggregation: Aggregation, rated: RatedCharge, billed: BilledUsage): LateUsage | null {
  const amount = rated.amount - billed.amount;
  if (amount === 0) return null;
  const additive = aggregation === 'count' || aggregation === 'sum';
  return {
    quantity: additive ? formatRational(subtractRationals(parseDecimal(rated.quantity), parseDecimal(billed.quantity))) : rated.quantity,
    amount,
    unitAmount: rated.unitAmount,
    description: `${rated.description}, less ${billed.quantity} already billed (${money(String(billed.amount), rated.currency)})`,
  };
}
