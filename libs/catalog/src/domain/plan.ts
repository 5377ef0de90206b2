import { EventType, ID_PREFIX, isSupportedCurrency, newId, RaisesEvents, ValidationFailed } from '@billing/kernel';
import { checkCode, checkMetadata, checkName, DESCRIPTION_MAX_LENGTH, FieldErrors, isMinorAmount } from './catalog-rules';
import { PlanInUse } from './catalog.errors';
import { Charge, ChargeModel, ChargePriceInput, checkChargePrices, CHARGE_MODELS, isChargeModel } from './charge-models';

export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/**
 * Upper bounds of `interval_count`: a period of at most three years, as Stripe allows (156 weeks, 36 months,
 * 3 years), and at most 365 for daily plans.
 */
export const MAX_INTERVAL_COUNT: Readonly<Record<Interval, number>> = { day: 365, week: 156, month: 36, year: 3 };
export const MAX_TRIAL_DAYS = 730;
/** Enough for every ISO 4217 currency (there are fewer than 200). */
export const MAX_PLAN_PRICES = 200;
export const MAX_CHARGES = 100;

/** The recurring fee per unit of quantity, in the currency's minor units, billed in advance. */
export interface PlanPrice {
  currency: string;
  amount: number;
}

export interface PlanProps {
  id: string;
  code: string;
  name: string;
  description: string | null;
  interval: Interval;
  intervalCount: number;
  trialDays: number;
  /** One per currency, sorted by currency. */
  prices: PlanPrice[];
  /** In the order the client gave them. */
  charges: Charge[];
  metadata: Record<string, string>;
  /** Set for good when a subscription first uses the plan; prices and charges are frozen from then on. */
  inUse: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChargeInput {
  metricCode: string;
  model: ChargeModel;
  prices: ChargePriceInput[];
}

export interface CreatePlanInput {
  code: string;
  name: string;
  description?: string | null;
  interval: Interval;
  /** Default 1. */
  intervalCount?: number;
  /** Default 0. */
  trialDays?: number;
  prices: PlanPrice[];
  /** Default none. */
  charges?: ChargeInput[];
  metadata?: Record<string, string>;
}

/** What PATCH may change; `prices` and `charges` replace the whole list and only while the plan is not in use. */
export interface PlanPatch {
  name?: string;
  description?: string | null;
  metadata?: Record<string, string>;
  prices?: PlanPrice[];
  charges?: ChargeInput[];
}

/** A metric as a plan refers to it. */
export interface MetricRef {
  id: string;
  code: string;
}

/** The metrics a plan input may name, by code (the handler loads those the input names). */
export type MetricsByCode = ReadonlyMap<string, MetricRef>;

/**
 * A plan of the catalog: a recurring fee per currency (billed in advance, per unit of quantity) and usage
 * charges (billed in arrears). Rules, checked together so that one 422 names every failing field:
 * - at least one price, one per supported currency, amounts integers ≥ 0 in minor units;
 * - each charge names a known metric, at most one charge per metric, and is priced in exactly the currencies
 *   of the plan's prices (a subscription bills in its account's currency, which must find both);
 * - `interval_count` within {@link MAX_INTERVAL_COUNT}, `trial_days` 0–{@link MAX_TRIAL_DAYS};
 * - once in use (see {@link Plan.inUse}), prices and charges cannot change: 409 `plan_in_use`.
 */
export class Plan extends RaisesEvents<PlanProps> {
  private constructor(private props: PlanProps) {
    super();
  }

  static restore(props: PlanProps): Plan {
    return new Plan(props);
  }

  static create(input: CreatePlanInput, metrics: MetricsByCode, now: Date): Plan {
    const errors = new FieldErrors();
    checkCode(errors, 'code', input.code);
    checkName(errors, 'name', input.name);
    checkDescription(errors, input.description ?? null);
    const intervalCount = input.intervalCount ?? 1;
    const trialDays = input.trialDays ?? 0;
    checkSchedule(errors, input.interval, intervalCount, trialDays);
    const metadata = input.metadata ?? {};
    checkMetadata(errors, metadata);
    const prices = checkPlanPrices(errors, input.prices);
    const chargeInputs = input.charges ?? [];
    const charges = buildCharges(errors, chargeInputs, metrics, []);
    checkChargeCurrencies(errors, charges, prices, true);
    if (!errors.isEmpty) throw new ValidationFailed(errors.list);

    const plan = new Plan({
      id: newId(ID_PREFIX.plan),
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      interval: input.interval,
      intervalCount,
      trialDays,
      prices,
      charges: charges as Charge[],
      metadata,
      inUse: false,
      createdAt: now,
      updatedAt: now,
    });
    plan.raise('plan.created', now);
    return plan;
  }

  /**
   * Applies a patch and answers what it changed. Sending the current prices or charges again is not a
   * change, so a client that PATCHes the whole plan back still succeeds on a plan in use.
   */
  update(patch: PlanPatch, metrics: MetricsByCode, now: Date): PlanChanges {
    const errors = new FieldErrors();
    if (patch.name !== undefined) checkName(errors, 'name', patch.name);
    if (patch.description !== undefined) checkDescription(errors, patch.description);
    if (patch.metadata !== undefined) checkMetadata(errors, patch.metadata);
    const prices = patch.prices !== undefined ? checkPlanPrices(errors, patch.prices) : this.props.prices;
    const charges = patch.charges !== undefined ? buildCharges(errors, patch.charges, metrics, this.props.charges) : this.props.charges;
    if (patch.prices !== undefined || patch.charges !== undefined) {
      checkChargeCurrencies(errors, charges, prices, patch.charges !== undefined);
    }
    if (!errors.isEmpty) throw new ValidationFailed(errors.list);

    const next: PlanProps = {
      ...this.props,
      name: patch.name ?? this.props.name,
      description: patch.description !== undefined ? patch.description : this.props.description,
      metadata: patch.metadata ?? this.props.metadata,
      prices,
      charges: charges as Charge[],
    };
    const changes: PlanChanges = {
      details:
        next.name !== this.props.name || next.description !== this.props.description || !sameStringMap(next.metadata, this.props.metadata),
      prices: JSON.stringify(next.prices) !== JSON.stringify(this.props.prices),
      charges: JSON.stringify(next.charges.map(chargeTerms)) !== JSON.stringify(this.props.charges.map(chargeTerms)),
    };
    if (this.props.inUse && (changes.prices || changes.charges)) throw new PlanInUse(this.props.id);
    if (!changes.details && !changes.prices && !changes.charges) return changes;
    this.props = { ...next, updatedAt: now };
    this.raise('plan.updated', now);
    return changes;
  }

  get id(): string {
    return this.props.id;
  }

  get code(): string {
    return this.props.code;
  }

  get interval(): Interval {
    return this.props.interval;
  }

  get intervalCount(): number {
    return this.props.intervalCount;
  }

  get trialDays(): number {
    return this.props.trialDays;
  }

  /** True once a subscription has used the plan; its prices and charges are then fixed. */
  get inUse(): boolean {
    return this.props.inUse;
  }

  get prices(): readonly PlanPrice[] {
    return this.props.prices;
  }

  get charges(): readonly Charge[] {
    return this.props.charges;
  }

  /** The currencies the plan is priced in: those of its accounts. */
  get currencies(): string[] {
    return this.props.prices.map((price) => price.currency);
  }

  /** The recurring fee per unit in `currency` (minor units), or undefined when the plan is not priced in it. */
  priceIn(currency: string): number | undefined {
    return this.props.prices.find((price) => price.currency === currency)?.amount;
  }

  /** The plan's charge for a metric, by the metric's code (what usage events name). */
  chargeFor(metricCode: string): Charge | undefined {
    return this.props.charges.find((charge) => charge.metricCode === metricCode);
  }

  snapshot(): Readonly<PlanProps> {
    return { ...this.props };
  }

  private raise(type: EventType, now: Date): void {
    this.raiseEvent(type, this.props, now);
  }
}

/** Which parts of a plan an update changed: the repository rewrites prices and charges only when they did. */
export interface PlanChanges {
  details: boolean;
  prices: boolean;
  charges: boolean;
}

/** Key order does not count (PostgreSQL's jsonb does not keep it). */
function sameStringMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

function chargeTerms(charge: Charge) {
  return [charge.metricId, charge.model, charge.prices];
}

function checkDescription(errors: FieldErrors, description: string | null): void {
  if (description !== null && (typeof description !== 'string' || description.length > DESCRIPTION_MAX_LENGTH)) {
    errors.add('description', `must be a string of at most ${DESCRIPTION_MAX_LENGTH} characters, or null`);
  }
}

/** `interval` one of day|week|month|year; `interval_count` 1 to the interval's maximum; `trial_days` 0–730. */
export function checkSchedule(errors: FieldErrors, interval: Interval, intervalCount: number, trialDays: number): void {
  if (!(INTERVALS as readonly unknown[]).includes(interval)) {
    errors.add('interval', `must be one of ${INTERVALS.join(', ')}`);
  } else if (!Number.isSafeInteger(intervalCount) || intervalCount < 1 || intervalCount > MAX_INTERVAL_COUNT[interval]) {
    errors.add('interval_count', `must be an integer from 1 to ${MAX_INTERVAL_COUNT[interval]} for a ${interval} interval`);
  }
  if (!Number.isSafeInteger(trialDays) || trialDays < 0 || trialDays > MAX_TRIAL_DAYS) {
    errors.add('trial_days', `must be an integer from 0 to ${MAX_TRIAL_DAYS}`);
  }
}

/** The plan's recurring prices: at least one, one per supported currency, integer amounts ≥ 0; sorted by currency. */
export function checkPlanPrices(errors: FieldErrors, prices: readonly PlanPrice[] | undefined): PlanPrice[] {
  if (!Array.isArray(prices) || prices.length === 0) {
    errors.add('prices', 'must list at least one price: a plan is priced in the currency of each account it bills');
    return [];
  }
  if (prices.length > MAX_PLAN_PRICES) {
    errors.add('prices', `must list at most ${MAX_PLAN_PRICES} prices`);
    return [];
  }
  const seen = new Set<string>();
  prices.forEach((price, index) => {
    if (!isSupportedCurrency(price.currency)) {
      errors.add(`prices[${index}].currency`, `"${price.currency}" is not an ISO 4217 currency we bill in`);
    } else if (seen.has(price.currency)) {
      errors.add(`prices[${index}].currency`, `${price.currency} is priced twice: give one price per currency`);
    }
    seen.add(price.currency);
    if (!isMinorAmount(price.amount)) errors.add(`prices[${index}].amount`, 'must be an integer ≥ 0 in minor units');
  });
  return prices
    .map((price) => ({ currency: price.currency, amount: price.amount }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/**
 * The charges of a plan: each names a known metric (at most one charge per metric) and a model, with prices
 * valid for that model. A charge keeps the id it had on the plan for the same metric. A charge whose model is
 * unknown is null (and reported), so that the others keep their index for the currency check.
 */
export function buildCharges(
  errors: FieldErrors,
  inputs: readonly ChargeInput[],
  metrics: MetricsByCode,
  existing: readonly Charge[],
): (Charge | null)[] {
  if (!Array.isArray(inputs)) {
    errors.add('charges', 'must be a list');
    return [];
  }
  if (inputs.length > MAX_CHARGES) {
    errors.add('charges', `must list at most ${MAX_CHARGES} charges`);
    return [];
  }
  const charged = new Set<string>();
  return inputs.map((input, index) => {
    const at = `charges[${index}]`;
    const metric = metrics.get(input.metricCode);
    if (!metric) {
      errors.add(`${at}.metric_code`, `no metric has code "${input.metricCode}"`);
    } else if (charged.has(metric.id)) {
      errors.add(`${at}.metric_code`, `metric "${metric.code}" is charged twice: give one charge per metric`);
    }
    if (metric) charged.add(metric.id);
    if (!isChargeModel(input.model)) {
      errors.add(`${at}.model`, `must be one of ${CHARGE_MODELS.join(', ')}`);
      return null;
    }
    const prices = checkChargePrices(input.model, input.prices, `${at}.prices`, errors);
    const metricId = metric?.id ?? '';
    const id = existing.find((charge) => charge.metricId === metricId)?.id ?? newId(ID_PREFIX.charge);
    return { id, metricId, metricCode: metric?.code ?? input.metricCode, model: input.model, prices } as Charge;
  });
}

/**
 * Every charge is priced in exactly the currencies of the plan's prices: a subscription bills one currency
 * (its account's), and must find both the fee and every charge in it. Errors name the charge when the request
 * gave the charges, else `prices` (a price patch that adds or drops a currency the charges do not follow).
 */
export function checkChargeCurrencies(
  errors: FieldErrors,
  charges: readonly (Charge | null)[],
  prices: readonly PlanPrice[],
  chargesGiven: boolean,
): void {
  if (prices.length === 0) return;
  const planCurrencies = new Set(prices.map((price) => price.currency));
  charges.forEach((charge, index) => {
    if (!charge || charge.prices.length === 0) return; // reported by checkChargePrices
    const chargeCurrencies = new Set(charge.prices.map((price) => price.currency));
    const missing = [...planCurrencies].filter((currency) => !chargeCurrencies.has(currency));
    if (chargesGiven) {
      if (missing.length > 0) {
        errors.add(
          `charges[${index}].prices`,
          `has no price in ${missing.join(', ')}: price each charge in every currency of the plan's prices`,
        );
      }
      charge.prices.forEach((price, priceIndex) => {
        if (isSupportedCurrency(price.currency) && !planCurrencies.has(price.currency)) {
          errors.add(`charges[${index}].prices[${priceIndex}].currency`, `${price.currency} is not a currency of the plan's prices`);
        }
      });
    } else {
      const extra = [...chargeCurrencies].filter((currency) => !planCurrencies.has(currency));
      if (missing.length > 0 || extra.length > 0) {
        errors.add(
          'prices',
          `must keep the currencies of the charges: the charge for metric "${charge.metricCode}" is priced in ` +
            `${[...chargeCurrencies].join(', ')}; send charges priced in the new currencies with the prices`,
        );
      }
    }
  });
}
