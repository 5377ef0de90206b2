import { isSupportedCurrency } from '@billing/kernel';
import { FieldErrors, isMinorAmount } from './catalog-rules';

/**
 * How a usage charge turns a period's aggregated quantity into money (API.md, Catalog):
 * - `per_unit`: quantity × `unit_amount`;
 * - `graduated`: each unit priced by the tier it falls in, plus the `flat_amount` of every tier reached;
 * - `volume`: every unit priced at the tier the total falls in, plus that tier's `flat_amount`;
 * - `package`: `package_amount` per started `package_size` units.
 * This file holds the shape rules of each model's prices, as pure functions; pricing itself belongs to the
 * invoice engine.
 */
export const CHARGE_MODELS = ['per_unit', 'graduated', 'volume', 'package'] as const;
export type ChargeModel = (typeof CHARGE_MODELS)[number];

/**
 * Unit amounts are decimal strings in minor units ("0.05" = 0.05 cents), ≥ 0, at most 12 decimals and 15
 * integer digits, without exponent, sign or leading zeros, so each has a single spelling.
 */
export const UNIT_AMOUNT_PATTERN = /^(0|[1-9]\d{0,14})(\.\d{1,12})?$/;
/** Tiers of one graduated or volume price. */
export const MAX_TIERS = 100;

export interface Tier {
  /** Inclusive upper bound of the tier in units; null for the last tier, which has none. */
  upTo: number | null;
  /** Decimal string in minor units. */
  unitAmount: string;
  /** Minor units charged once for the tier (graduated: every tier reached; volume: the tier the total is in). */
  flatAmount: number;
}

export interface PerUnitPrice {
  currency: string;
  unitAmount: string;
}

export interface TieredPrice {
  currency: string;
  tiers: Tier[];
}

export interface PackagePrice {
  currency: string;
  packageSize: number;
  packageAmount: number;
}

export type ChargePrice = PerUnitPrice | TieredPrice | PackagePrice;

interface ChargeBase {
  id: string;
  metricId: string;
  metricCode: string;
}

export interface PerUnitCharge extends ChargeBase {
  model: 'per_unit';
  prices: PerUnitPrice[];
}

export interface TieredCharge extends ChargeBase {
  model: 'graduated' | 'volume';
  prices: TieredPrice[];
}

export interface PackageCharge extends ChargeBase {
  model: 'package';
  prices: PackagePrice[];
}

/** A usage charge of a plan: one metric, one model, one price per currency of the plan. */
export type Charge = PerUnitCharge | TieredCharge | PackageCharge;

/** What a client sends as one price of a charge: which fields apply depends on the charge's model. */
export interface ChargePriceInput {
  currency: string;
  unitAmount?: string;
  tiers?: TierInput[];
  packageSize?: number;
  packageAmount?: number;
}

export interface TierInput {
  upTo?: number | null;
  unitAmount?: string;
  /** Default 0. */
  flatAmount?: number;
}

export function isChargeModel(value: unknown): value is ChargeModel {
  return (CHARGE_MODELS as readonly unknown[]).includes(value);
}

/** The error message for a unit amount, or undefined when it is valid. */
export function unitAmountProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a decimal string in minor units, e.g. "0.05"';
  if (!UNIT_AMOUNT_PATTERN.test(value)) {
    return 'must be a decimal string in minor units ≥ 0 with at most 12 decimals and no leading zeros, e.g. "0.05"';
  }
  return undefined;
}

/** The price of `charge` in `currency`, typed by the charge's model. */
export function chargePriceIn<C extends Charge>(charge: C, currency: string): C['prices'][number] | undefined {
  return (charge.prices as ChargePrice[]).find((price) => price.currency === currency) as C['prices'][number] | undefined;
}

/**
 * Tiers of a graduated or volume price: at least one; `up_to` strictly ascending positive integers on every
 * tier but the last, whose `up_to` is null (the open-ended top tier); `unit_amount` a decimal string;
 * `flat_amount` an integer ≥ 0 (default 0).
 */
export function checkTiers(tiers: readonly TierInput[] | undefined, path: string, errors: FieldErrors): Tier[] {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    errors.add(path, 'must list at least one tier');
    return [];
  }
  if (tiers.length > MAX_TIERS) {
    errors.add(path, `must list at most ${MAX_TIERS} tiers`);
    return [];
  }
  let previous = 0;
  return tiers.map((tier, index) => {
    const at = `${path}[${index}]`;
    const isLast = index === tiers.length - 1;
    const upTo = tier.upTo ?? null;
    if (isLast) {
      if (upTo !== null) errors.add(`${at}.up_to`, 'must be null: the last tier has no upper bound');
    } else if (upTo === null) {
      errors.add(`${at}.up_to`, 'may be null only on the last tier');
    } else if (!Number.isSafeInteger(upTo) || upTo < 1) {
      errors.add(`${at}.up_to`, 'must be a positive integer');
    } else if (upTo <= previous) {
      errors.add(`${at}.up_to`, `must be greater than the previous tier's up_to (${previous})`);
    } else {
      previous = upTo;
    }
    const unitProblem = unitAmountProblem(tier.unitAmount);
    if (unitProblem) errors.add(`${at}.unit_amount`, unitProblem);
    const flatAmount = tier.flatAmount ?? 0;
    if (!isMinorAmount(flatAmount)) errors.add(`${at}.flat_amount`, 'must be an integer ≥ 0 in minor units');
    return { upTo, unitAmount: tier.unitAmount as string, flatAmount };
  });
}

const FIELDS_OF_MODEL: Record<ChargeModel, readonly (keyof ChargePriceInput)[]> = {
  per_unit: ['unitAmount'],
  graduated: ['tiers'],
  volume: ['tiers'],
  package: ['packageSize', 'packageAmount'],
};

const WIRE_NAMES: Record<Exclude<keyof ChargePriceInput, 'currency'>, string> = {
  unitAmount: 'unit_amount',
  tiers: 'tiers',
  packageSize: 'package_size',
  packageAmount: 'package_amount',
};

/**
 * One price of a charge, checked against its model: `per_unit` takes `unit_amount`; `graduated` and `volume`
 * take `tiers`; `package` takes `package_size` (integer > 0) and `package_amount` (integer ≥ 0). A field of
 * another model is refused rather than ignored, since the client meant something by it. The currency is
 * checked by {@link checkChargePrices}.
 */
export function checkChargePrice(model: ChargeModel, input: ChargePriceInput, path: string, errors: FieldErrors): ChargePrice {
  for (const key of Object.keys(WIRE_NAMES) as (keyof typeof WIRE_NAMES)[]) {
    if (input[key] !== undefined && !FIELDS_OF_MODEL[model].includes(key)) {
      errors.add(`${path}.${WIRE_NAMES[key]}`, `is not used by the ${model} model`);
    }
  }
  switch (model) {
    case 'per_unit': {
      const problem = input.unitAmount === undefined ? 'is required by the per_unit model' : unitAmountProblem(input.unitAmount);
      if (problem) errors.add(`${path}.unit_amount`, problem);
      return { currency: input.currency, unitAmount: input.unitAmount as string };
    }
    case 'graduated':
    case 'volume':
      return { currency: input.currency, tiers: checkTiers(input.tiers, `${path}.tiers`, errors) };
    case 'package': {
      const { packageSize, packageAmount } = input;
      if (packageSize === undefined) errors.add(`${path}.package_size`, 'is required by the package model');
      else if (!Number.isSafeInteger(packageSize) || packageSize < 1) errors.add(`${path}.package_size`, 'must be an integer > 0');
      if (packageAmount === undefined) errors.add(`${path}.package_amount`, 'is required by the package model');
      else if (!isMinorAmount(packageAmount)) errors.add(`${path}.package_amount`, 'must be an integer ≥ 0 in minor units');
      return { currency: input.currency, packageSize: packageSize as number, packageAmount: packageAmount as number };
    }
  }
}

/** The prices of a charge: at least one, one per supported currency, each valid for the model. */
export function checkChargePrices(
  model: ChargeModel,
  inputs: readonly ChargePriceInput[] | undefined,
  path: string,
  errors: FieldErrors,
): ChargePrice[] {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    errors.add(path, 'must list at least one price');
    return [];
  }
  const seen = new Set<string>();
  return inputs.map((input, index) => {
    const at = `${path}[${index}]`;
    if (!isSupportedCurrency(input.currency)) {
      errors.add(`${at}.currency`, `"${input.currency}" is not an ISO 4217 currency we bill in`);
    } else if (seen.has(input.currency)) {
      errors.add(`${at}.currency`, `${input.currency} is priced twice: give one price per currency`);
    }
    seen.add(input.currency);
    return checkChargePrice(model, input, at, errors);
  });
}

export interface TierView {
  up_to: number | null;
  unit_amount: string;
  flat_amount: number;
}

export type ChargePriceView =
  | { currency: string; unit_amount: string }
  | { currency: string; tiers: TierView[] }
  | { currency: string; package_size: number; package_amount: number };

/** A charge price as the API (and the `plan_charges.prices` column) spells it. */
export function toChargePriceView(price: ChargePrice): ChargePriceView {
  if ('unitAmount' in price) return { currency: price.currency, unit_amount: price.unitAmount };
  if ('tiers' in price) {
    return {
      currency: price.currency,
      tiers: price.tiers.map((tier) => ({ up_to: tier.upTo, unit_amount: tier.unitAmount, flat_amount: tier.flatAmount })),
    };
  }
  return { currency: price.currency, package_size: price.packageSize, package_amount: price.packageAmount };
}

export function fromChargePriceView(view: ChargePriceView): ChargePrice {
  if ('unit_amount' in view) return { currency: view.currency, unitAmount: view.unit_amount };
  if ('tiers' in view) {
    return {
      currency: view.currency,
      tiers: view.tiers.map((tier) => ({ upTo: tier.up_to, unitAmount: tier.unit_amount, flatAmount: tier.flat_amount })),
    };
  }
  return { currency: view.currency, packageSize: view.package_size, packageAmount: view.package_amount };
}
