import { prorate } from '@billing/kernel';
import { BillingPeriod, daysBetween } from './periods';

export interface ProrationForChangeInput {
  /** Unit prices in the currency's minor units. */
  oldUnitAmount: number;
  oldQuantity: number;
  newUnitAmount: number;
  newQuantity: number;
  period: BillingPeriod;
  changeAt: Date;
  timeZone: string;
}

export interface ProrationForChange {
  /** The old plan's unused days, ≤ 0. */
  credit: number;
  /** The new plan for the same days, ≥ 0. */
  charge: number;
  daysRemaining: number;
  daysInPeriod: number;
}

export interface RemainingDaysInput {
  unitAmount: number;
  quantity: number;
  period: BillingPeriod;
  /** The instant whose local date starts the remaining days (a change, a cancellation, a stub's start). */
  from: Date;
  timeZone: string;
}

/** An immediate mid-period change with `proration: prorate`: two lines, each rounded once. */
export function prorationForChange(input: ProrationForChangeInput): ProrationForChange {
  const { period, changeAt, timeZone } = input;
  const { daysRemaining, daysInPeriod } = remainingDays(period, changeAt, timeZone);
  const credit = -prorate(lineAmount(input.oldUnitAmount, input.oldQuantity), daysRemaining, daysInPeriod);
  const charge = prorate(lineAmount(input.newUnitAmount, input.newQuantity), daysRemaining, daysInPeriod);
  return { credit: credit === 0 ? 0 : credit, charge, daysRemaining, daysInPeriod };
}

/** Credit (≤ 0) for the days left after `from`: an immediate cancel or pause with `proration: prorate`. */
export function unusedCredit(input: RemainingDaysInput): number {
  const charge = remainingCharge(input);
  return charge === 0 ? 0 : -charge;
}

/**
 * Price (≥ 0) of the days from `from`'s local date to the period's end. For a bill_cycle_day stub, pass
 * the full period that ends where the stub ends (`periodAt(schedule, -1)`) and the stub's start.
 */
export function remainingCharge(input: RemainingDaysInput): number {
  const { daysRemaining, daysInPeriod } = remainingDays(input.period, input.from, input.timeZone);
  return prorate(lineAmount(input.unitAmount, input.quantity), daysRemaining, daysInPeriod);
}

function remainingDays(period: BillingPeriod, from: Date, timeZone: string) {
  if (!(period.start <= from && from < period.end)) {
    throw new RangeError(`${from.toISOString()} is outside the period ${period.start.toISOString()} – ${period.end.toISOString()}.`);
  }
  const daysInPeriod = daysBetween(period.start, period.end, timeZone);
  if (daysInPeriod < 1) throw new RangeError('A period must span at least one local calendar day.');
  return { daysRemaining: daysBetween(from, period.end, timeZone), daysInPeriod };
}

/** unit amount × quantity in BigInt: the product of two safe integers need not be one. */
function lineAmount(unitAmount: number, quantity: number): bigint {
  for (const [name, value] of [
    ['unit amount', unitAmount],
    ['quantity', quantity],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative integer, got ${value}.`);
    }
  }
  return BigInt(unitAmount) * BigInt(quantity);
}
