import { addRationals, minorUnits, multiplyRationals, parseDecimal, Rational, rational, roundHalfAwayFromZero } from '@billing/kernel';
import type { Charge, ChargeModel, ChargePrice, PackagePrice, PerUnitPrice, Tier, TieredPrice } from '@billing/catalog/domain';
import { ceilRational, compareRationals, divideRationals, formatRational, MAX_DECIMALS, subtractRationals, ZERO } from '@billing/kernel';

/**
 * Rating: a usage charge's price (in one currency) and a period's quantity → the amount of one invoice line,
 * in minor units. Pure and exact: unit prices are decimal strings in minor units ("0.05" = 0.05 cents), every
 * product and sum stays a rational number, and the line is rounded once, half away from zero.
 *
 * Models (API.md, Catalog):
 * - `per_unit`: quantity × unit_amount;
 * - `graduated`: each unit priced by the tier it falls in (tier i holds the units above the previous
 *   `up_to` up to its own), plus the `flat_amount` of every tier the quantity reaches;
 * - `volume`: every unit priced at the tier the total falls in (the first whose `up_to` ≥ quantity), plus
 *   that tier's `flat_amount`;
 * - `package`: `package_amount` per started `package_size` units (1 unit of a 100-unit package is a package).
 * Where the documents are silent:
 * - a tier is reached by any part of a unit above its lower bound: fractional quantities (sums of GB, hours)
 *   are priced fractionally, 100.5 units reach the tier above `up_to: 100`;
 * - a quantity of zero (or below: a `sum` of corrections) bills nothing, flat amounts included: no usage,
 *   no line amount.
 */
export interface TierUsage {
  /** Lower bound (exclusive, in units) and upper bound (inclusive; null for the open top tier). */
  from: string;
  upTo: number | null;
  /** Units priced in this tier (decimal string). */
  units: string;
  unitAmount: string;
  flatAmount: number;
}

export interface RatedCharge {
  model: ChargeModel;
  currency: string;
  /** The quantity rated, canonical decimal string (a negative one is rated as 0). */
  quantity: string;
  /** Minor units, rounded once. */
  amount: number;
  /**
   * The average price per unit before rounding, in minor units, at most 12 decimals: the tier's or unit's
   * price for `per_unit` and `volume` without flat amounts, the blended price otherwise; "0" without usage.
   */
  unitAmount: string;
  /** How it was priced, for the invoice line (one line per metric, whatever its tiers). */
  description: string;
  /** The tiers used (graduated: every tier reached; volume: the one tier); empty for other models. */
  tiers: TierUsage[];
}

/** Rates `quantity` with the charge's price in `currency`; throws when the charge has no price there. */
export function rateCharge(charge: Charge, currency: string, quantity: string): RatedCharge {
  const price = (charge.prices as ChargePrice[]).find((candidate) => candidate.currency === currency);
  if (!price) throw new RangeError(`Charge ${charge.id} (${charge.metricCode}) has no price in ${currency}.`);
  return ratePrice(charge.model, price, quantity);
}

/** Rates `quantity` (a decimal string) with one price of a charge of model `model`. */
export function ratePrice(model: ChargeModel, price: ChargePrice, quantity: string): RatedCharge {
  const parsed = parseDecimal(quantity);
  const units = parsed.numerator > 0n ? parsed : ZERO;
  const rated = rateUnits(model, price, units);
  const exact = rated.total;
  const amount = roundHalfAwayFromZero(exact);
  const unitAmount = units.numerator === 0n ? '0' : formatRational(divideRationals(exact, units), MAX_DECIMALS);
  const shown = formatRational(units);
  return {
    model,
    currency: price.currency,
    quantity: shown,
    amount,
    unitAmount,
    description: units.numerator === 0n ? 'No usage' : `${unitsText(shown)} ${rated.how(price.currency)}`,
    tiers: rated.tiers,
  };
}

interface Rated {
  total: Rational;
  tiers: TierUsage[];
  how: (currency: string) => string;
}

function rateUnits(model: ChargeModel, price: ChargePrice, units: Rational): Rated {
  switch (model) {
    case 'per_unit':
      return perUnit(price as PerUnitPrice, units);
    case 'graduated':
      return graduated((price as TieredPrice).tiers, units);
    case 'volume':
      return volume((price as TieredPrice).tiers, units);
    case 'package':
      return packaged(price as PackagePrice, units);
  }
}

function perUnit(price: PerUnitPrice, units: Rational): Rated {
  return {
    total: multiplyRationals(units, parseDecimal(price.unitAmount)),
    tiers: [],
    how: (currency) => `× ${money(price.unitAmount, currency)}`,
  };
}

function graduated(tiers: readonly Tier[], units: Rational): Rated {
  if (units.numerator === 0n) return { total: ZERO, tiers: [], how: () => '' };
  let total = ZERO;
  const used: TierUsage[] = [];
  let lower = ZERO;
  for (const tier of tiers) {
    if (compareRationals(units, lower) <= 0) break;
    const upper = tier.upTo === null ? units : minRational(units, rational(tier.upTo));
    const inTier = subtractRationals(upper, lower);
    total = addRationals(total, addRationals(multiplyRationals(inTier, parseDecimal(tier.unitAmount)), rational(tier.flatAmount)));
    used.push(tierUsage(lower, tier, inTier));
    if (tier.upTo === null) break;
    lower = rational(tier.upTo);
  }
  return {
    total,
    tiers: used,
    how: (currency) =>
      `(graduated): ${used.map((tier) => `${tier.units} × ${money(tier.unitAmount, currency)} (${range(tier)})${flat(tier, currency)}`).join(' + ')}`,
  };
}

function volume(tiers: readonly Tier[], units: Rational): Rated {
  if (units.numerator === 0n) return { total: ZERO, tiers: [], how: () => '' };
  let lower = ZERO;
  let chosen = tiers[tiers.length - 1];
  for (const tier of tiers) {
    if (tier.upTo === null || compareRationals(units, rational(tier.upTo)) <= 0) {
      chosen = tier;
      break;
    }
    lower = rational(tier.upTo);
  }
  const total = addRationals(multiplyRationals(units, parseDecimal(chosen.unitAmount)), rational(chosen.flatAmount));
  const usage = tierUsage(lower, chosen, units);
  return {
    total,
    tiers: [usage],
    how: (currency) => `× ${money(chosen.unitAmount, currency)} (volume tier ${range(usage)})${flat(usage, currency)}`,
  };
}

function packaged(price: PackagePrice, units: Rational): Rated {
  const packages = ceilRational(divideRationals(units, rational(price.packageSize)));
  return {
    total: rational(packages * BigInt(price.packageAmount)),
    tiers: [],
    how: (currency) =>
      `in ${packages} package${packages === 1n ? '' : 's'} of ${price.packageSize} × ${money(String(price.packageAmount), currency)}`,
  };
}

function tierUsage(lower: Rational, tier: Tier, units: Rational): TierUsage {
  return {
    from: formatRational(lower),
    upTo: tier.upTo,
    units: formatRational(units),
    unitAmount: tier.unitAmount,
    flatAmount: tier.flatAmount,
  };
}

function minRational(a: Rational, b: Rational): Rational {
  return compareRationals(a, b) <= 0 ? a : b;
}

/** "0–100", "101–1000", "1001+" for whole-unit bounds, as BILLING-RULES.md names tiers. */
function range(tier: TierUsage): string {
  const from = /^\d+$/.test(tier.from) && tier.from !== '0' ? String(BigInt(tier.from) + 1n) : tier.from;
  return tier.upTo === null ? `${from}+` : `${from}–${tier.upTo}`;
}

function flat(tier: TierUsage, currency: string): string {
  return tier.flatAmount === 0 ? '' : ` + ${money(String(tier.flatAmount), currency)} flat`;
}

function unitsText(quantity: string): string {
  return quantity === '1' ? '1 unit' : `${quantity} units`;
}

/**
 * An amount in minor units (a decimal string, possibly fractional) spelled in the currency's major unit:
 * "0.5" USD cents → "USD 0.005", "1200" JPY → "JPY 1200", "5" KWD fils → "KWD 0.005".
 */
export function money(minor: string, currency: string): string {
  const digits = minorUnits(currency);
  const major = divideRationals(parseDecimal(minor), rational(10n ** BigInt(digits)));
  let text = formatRational(major);
  if (digits > 0) {
    const [whole, fraction = ''] = text.split('.');
    text = `${whole}.${fraction.padEnd(digits, '0')}`;
  }
  return `${currency} ${text}`;
}
