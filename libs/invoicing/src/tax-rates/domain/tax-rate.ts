import { EventType, FieldError, newId, RaisesEvents, ValidationFailed } from '@billing/kernel';
import countries from 'i18n-iso-countries';
import type { TaxRate } from '../../domain/taxes';

/** Ids of tax rates: `txr_…` (kept here until libs/core's ID_PREFIX gains it). */
export const TAX_RATE_ID_PREFIX = 'txr';
export const TAX_RATE_NAME_MAX_LENGTH = 200;
export const TAX_RATE_DESCRIPTION_MAX_LENGTH = 1000;
export const TAX_RATE_REGION_MAX_LENGTH = 100;
/** A percentage from "0" to "99.9999": one or two digits, at most four decimals (the column is numeric(6,4)). */
export const PERCENTAGE_PATTERN = /^\d{1,2}(\.\d{1,4})?$/;

export interface TaxRateProps {
  id: string;
  name: string;
  description: string | null;
  /** Canonical decimal string: no leading zeros, trailing zeros dropped, at least one decimal ("20.0", "7.75"). */
  percentage: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** A state, province or region of the country, as accounts spell it in `address.region`; null: the whole country. */
  region: string | null;
  /** Whether line amounts already include the tax (prices shown tax included) or the tax is added on top. */
  inclusive: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface DefineTaxRateInput {
  name: string;
  percentage: string;
  country: string;
  region?: string | null;
  inclusive?: boolean;
  description?: string | null;
}

/**
 * What may change on a rate. Percentage, country, region and inclusiveness never do: invoices issued with
 * the rate refer to it by `tax_rate_id` and must keep meaning what they said. To change a rate, create the
 * new one and deactivate the old one (the old invoices keep theirs).
 */
export interface TaxRatePatch {
  name?: string;
  description?: string | null;
  active?: boolean;
}

/**
 * A tax rate of the seller's tax setup (API.md, "Taxes"): a percentage that applies to the accounts of a
 * country, or of one region of it. Only active rates are applied to new invoices (see `taxTreatment`).
 */
export class TaxRateDefinition extends RaisesEvents<TaxRateProps> {
  private constructor(private props: TaxRateProps) {
    super();
  }

  static restore(props: TaxRateProps): TaxRateDefinition {
    return new TaxRateDefinition(props);
  }

  static define(input: DefineTaxRateInput, now: Date): TaxRateDefinition {
    const errors = checkTaxRateInput(input);
    if (errors.length > 0) throw new ValidationFailed(errors);
    const region = input.region?.trim() || null;
    const rate = new TaxRateDefinition({
      id: newId(TAX_RATE_ID_PREFIX),
      name: input.name,
      description: input.description ?? null,
      percentage: canonicalPercentage(input.percentage),
      country: input.country,
      region,
      inclusive: input.inclusive ?? false,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    rate.raise('tax_rate.created', now);
    return rate;
  }

  /** Applies a partial update; raises `tax_rate.updated` only when something changed. */
  update(patch: TaxRatePatch, now: Date): void {
    const errors = checkTaxRatePatch(patch);
    if (errors.length > 0) throw new ValidationFailed(errors);
    const next = { ...this.props };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.description !== undefined) next.description = patch.description;
    if (patch.active !== undefined) next.active = patch.active;
    const changed = next.name !== this.props.name || next.description !== this.props.description || next.active !== this.props.active;
    if (!changed) return;
    this.props = { ...next, updatedAt: now };
    this.raise('tax_rate.updated', now);
  }

  get id(): string {
    return this.props.id;
  }

  get active(): boolean {
    return this.props.active;
  }

  get country(): string {
    return this.props.country;
  }

  get region(): string | null {
    return this.props.region;
  }

  /** The rate as the tax rules (`taxTreatment`, `lineTax`) take it. */
  toTaxRate(): TaxRate {
    return toTaxRate(this.props);
  }

  snapshot(): Readonly<TaxRateProps> {
    return { ...this.props };
  }

  private raise(type: EventType, now: Date): void {
    this.raiseEvent(type, this.props, now);
  }
}

export function toTaxRate(props: Pick<TaxRateProps, 'id' | 'name' | 'percentage' | 'country' | 'region' | 'inclusive'>): TaxRate {
  return {
    id: props.id,
    name: props.name,
    percentage: props.percentage,
    country: props.country,
    region: props.region,
    inclusive: props.inclusive,
  };
}

/** "20" → "20.0", "07.50" → "7.5", "20.0000" (as PostgreSQL answers numeric(6,4)) → "20.0". */
export function canonicalPercentage(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  return `${BigInt(whole).toString()}.${fraction.replace(/0+$/, '') || '0'}`;
}

/** The rules of a new tax rate, as field errors named as the API spells them (empty when valid). */
export function checkTaxRateInput(input: DefineTaxRateInput): FieldError[] {
  const errors: FieldError[] = [];
  checkName(errors, input.name);
  if (typeof input.percentage !== 'string' || !PERCENTAGE_PATTERN.test(input.percentage)) {
    errors.push({
      field: 'percentage',
      message: 'must be a decimal string from 0 to less than 100 with at most 4 decimals, e.g. "20.0"',
    });
  }
  if (typeof input.country !== 'string' || !/^[A-Z]{2}$/.test(input.country) || !countries.isValid(input.country)) {
    errors.push({ field: 'country', message: 'must be an ISO 3166-1 alpha-2 country code in upper case, e.g. "DE"' });
  }
  const region = input.region ?? null;
  if (region !== null && (typeof region !== 'string' || region.trim().length === 0 || region.trim().length > TAX_RATE_REGION_MAX_LENGTH)) {
    errors.push({ field: 'region', message: `must be a non-blank string of at most ${TAX_RATE_REGION_MAX_LENGTH} characters, or null` });
  }
  if (input.inclusive !== undefined && typeof input.inclusive !== 'boolean') {
    errors.push({ field: 'inclusive', message: 'must be a boolean' });
  }
  checkDescription(errors, input.description);
  return errors;
}

export function checkTaxRatePatch(patch: TaxRatePatch): FieldError[] {
  const errors: FieldError[] = [];
  if (patch.name !== undefined) checkName(errors, patch.name);
  checkDescription(errors, patch.description);
  if (patch.active !== undefined && typeof patch.active !== 'boolean') errors.push({ field: 'active', message: 'must be a boolean' });
  return errors;
}

function checkName(errors: FieldError[], name: unknown): void {
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > TAX_RATE_NAME_MAX_LENGTH) {
    errors.push({ field: 'name', message: `must be a non-blank string of at most ${TAX_RATE_NAME_MAX_LENGTH} characters` });
  }
}

function checkDescription(errors: FieldError[], description: unknown): void {
  if (description === undefined || description === null) return;
  if (typeof description !== 'string' || description.length > TAX_RATE_DESCRIPTION_MAX_LENGTH) {
    errors.push({ field: 'description', message: `must be a string of at most ${TAX_RATE_DESCRIPTION_MAX_LENGTH} characters, or null` });
  }
}
