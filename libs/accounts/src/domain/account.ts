import {
  Conflict,
  EventType,
  FieldError,
  ID_PREFIX,
  isSupportedCurrency,
  METADATA_MAX_KEYS,
  newId,
  RaisesEvents,
  ValidationFailed,
} from '@billing/kernel';
import { IANAZone } from 'luxon';
import countries from 'i18n-iso-countries';

/** Limits of an account's fields: the API checks the lengths and ranges, `Account` the metadata. */
export const ACCOUNT_NAME_MAX_LENGTH = 200;
export const ACCOUNT_TAX_ID_MAX_LENGTH = 50;
export const ACCOUNT_EXTERNAL_KEY_MAX_LENGTH = 255;
export const MAX_BILL_CYCLE_DAY = 31;
export const MAX_NET_TERMS_DAYS = 365;
export const ADDRESS_MAX_LENGTH = { line1: 200, line2: 200, city: 100, region: 100, postal_code: 20 } as const;

export type OverdueState = 'ok' | 'warning' | 'blocked' | 'cancelled';

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postal_code?: string;
  country?: string;
}

export interface AccountProps {
  id: string;
  name: string;
  email: string;
  currency: string;
  timezone: string;
  country: string | null;
  address: Address | null;
  taxExempt: boolean;
  taxId: string | null;
  externalKey: string | null;
  billCycleDay: number | null;
  netTermsDays: number;
  metadata: Record<string, string>;
  creditBalance: number;
  overdueState: OverdueState;
  hasInvoices: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type OpenAccountInput = Pick<AccountProps, 'name' | 'email' | 'currency'> &
  Partial<
    Pick<
      AccountProps,
      'timezone' | 'country' | 'address' | 'taxExempt' | 'taxId' | 'externalKey' | 'billCycleDay' | 'netTermsDays' | 'metadata'
    >
  >;

export type AccountPatch = Partial<Omit<OpenAccountInput, never>>;

/** The customer being billed: one currency, one time zone for its billing dates, a credit balance. */
export class Account extends RaisesEvents<AccountProps> {
  private constructor(private props: AccountProps) {
    super();
  }

  static restore(props: AccountProps): Account {
    return new Account(props);
  }

  static open(input: OpenAccountInput, now: Date): Account {
    const account = new Account({
      id: newId(ID_PREFIX.account),
      name: input.name,
      email: input.email,
      currency: input.currency,
      timezone: input.timezone ?? 'UTC',
      country: input.country ?? null,
      address: input.address ?? null,
      taxExempt: input.taxExempt ?? false,
      taxId: input.taxId ?? null,
      externalKey: input.externalKey ?? null,
      billCycleDay: input.billCycleDay ?? null,
      netTermsDays: input.netTermsDays ?? 0,
      metadata: input.metadata ?? {},
      creditBalance: 0,
      overdueState: 'ok',
      hasInvoices: false,
      createdAt: now,
      updatedAt: now,
    });
    account.check();
    account.raise('account.created', now);
    return account;
  }

  /** Applies a partial update; the currency is fixed once the account has been invoiced. */
  update(patch: AccountPatch, now: Date): void {
    const changed = (Object.keys(patch) as (keyof AccountPatch)[]).filter(
      (key) => patch[key] !== undefined && JSON.stringify(patch[key]) !== JSON.stringify(this.props[key]),
    );
    if (changed.length === 0) return;
    if (patch.currency !== undefined && patch.currency !== this.props.currency && this.props.hasInvoices) {
      throw new Conflict('currency_locked', 'The currency cannot change once the account has an invoice.');
    }
    this.props = { ...this.props, ...Object.fromEntries(changed.map((key) => [key, patch[key]])), updatedAt: now };
    this.check();
    this.raise('account.updated', now);
  }

  get id(): string {
    return this.props.id;
  }

  snapshot(): Readonly<AccountProps> {
    return { ...this.props };
  }

  private check(): void {
    const errors: FieldError[] = [];
    const { currency, timezone, country } = this.props;
    // A patch may clear the optional fields with null, never the required ones.
    const required: [string, unknown][] = [
      ['name', this.props.name],
      ['email', this.props.email],
      ['currency', currency],
      ['timezone', timezone],
      ['tax_exempt', this.props.taxExempt],
      ['net_terms_days', this.props.netTermsDays],
      ['metadata', this.props.metadata],
    ];
    const missing = required.filter(([, value]) => value === null);
    if (missing.length > 0) throw new ValidationFailed(missing.map(([field]) => ({ field, message: 'cannot be null' })));
    if (!isSupportedCurrency(currency)) errors.push({ field: 'currency', message: `"${currency}" is not an ISO 4217 currency we bill in` });
    if (!isIanaZone(timezone)) errors.push({ field: 'timezone', message: `"${timezone}" is not an IANA time zone` });
    if (country !== null && !countries.isValid(country))
      errors.push({ field: 'country', message: `"${country}" is not an ISO 3166-1 alpha-2 country` });
    if (Object.keys(this.props.metadata).length > METADATA_MAX_KEYS)
      errors.push({ field: 'metadata', message: `has more than ${METADATA_MAX_KEYS} keys` });
    if (errors.length > 0) throw new ValidationFailed(errors);
  }

  private raise(type: EventType, now: Date): void {
    this.raiseEvent(type, this.props, now);
  }
}

/** Zones found valid, remembered: luxon checks one by building an Intl.DateTimeFormat each time. IANA has a few hundred. */
const validZones = new Set<string>();

function isIanaZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  if (validZones.size < 1000) validZones.add(zone);
  return true;
}
