import { multiplyRationals, parseDecimal, rational, roundHalfAwayFromZero } from '@billing/kernel';
import { checkVAT, countries as vatCountries, Country as VatCountry } from 'jsvat';

/**
 * Taxes (BILLING-RULES.md, "Taxes"; API.md, "Taxes"): which rate an account's invoice lines carry, and the
 * tax of one line. Pure: no I/O, no clock, no framework; the invoice engine, the preview and the tax-rates
 * API call the same functions.
 */

/** A tax rate as the rules see it: `percentage` is a decimal string ("20.0" = 20 %), 0 ≤ p < 100. */
export interface TaxRate {
  id: string;
  name: string;
  percentage: string;
  country: string;
  region: string | null;
  inclusive: boolean;
}

/** What of an account decides its taxes: `region` is the account's `address.region`. */
export interface TaxableAccount {
  country: string | null;
  region: string | null;
  taxExempt: boolean;
  taxId: string | null;
}

export type TaxTreatment =
  /** No rate applies: the account has no country, or no active rate matches it. */
  | { kind: 'none' }
  /** The account is `tax_exempt`. */
  | { kind: 'exempt' }
  /** EU B2B across borders with a valid VAT number: no tax, and `note` printed on the invoice. */
  | { kind: 'reverse_charge'; note: string }
  /** The one rate that applies to every line of the account's invoices. */
  | { kind: 'taxed'; rate: TaxRate };

/** The mention that EU law requires on an invoice whose VAT the customer self-accounts. */
export const REVERSE_CHARGE_NOTE = 'Reverse charge: VAT to be accounted for by the recipient (Art. 196 Council Directive 2006/112/EC)';

/**
 * The 27 member states of the European Union, as ISO 3166-1 alpha-2 codes (Greece is `GR` here; its VAT
 * numbers start with `EL`). No installed package carries an EU-membership flag (`i18n-iso-countries` has
 * none; `jsvat` also knows non-EU VAT formats: AD, BR, CH, GB, NO, RS, RU), and the npm packages that do
 * are themselves hand lists keyed by English country name. The spec checks this set against `jsvat`
 * (every member state has a VAT format there) and `i18n-iso-countries` (every code is a country).
 * Northern Ireland's `XI` prefix covers goods only; subscriptions are services, so it is not here.
 */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

export function isEuMemberState(country: string | null | undefined): boolean {
  return typeof country === 'string' && EU_MEMBER_STATES.has(country);
}

/** jsvat's format rules by ISO alpha-2 code (its first code; Greece's is `GR`). */
const vatFormats: ReadonlyMap<string, VatCountry> = new Map(vatCountries.map((country) => [country.codes[0], country]));

/** The prefix of VAT numbers where it is not the ISO code (VIES spells Greece `EL`). */
const VAT_PREFIX: Readonly<Record<string, string>> = { GR: 'EL' };

/**
 * Whether `taxId` has the format of a VAT number of `country` (jsvat's rules for that country only, so a
 * French number does not make a German account's reverse charge). Spaces, dots and dashes are ignored and
 * the country prefix may be left out ("136695976" for a German account reads as "DE136695976"). The format
 * is what is checked, not the check digit nor the number's registration (VIES is the authority for that).
 */
export function isValidVatNumber(taxId: string | null | undefined, country: string | null | undefined): boolean {
  if (typeof taxId !== 'string' || typeof country !== 'string') return false;
  const format = vatFormats.get(country);
  if (!format) return false;
  const prefix = VAT_PREFIX[country] ?? country;
  const compact = taxId.replace(/[\s.\-_/]/g, '').toUpperCase();
  if (compact.length === 0) return false;
  return checkVAT(compact.startsWith(prefix) ? compact : `${prefix}${compact}`, [format]).isValidFormat;
}

/**
 * How an account's invoice lines are taxed, in this order:
 * 1. a `tax_exempt` account pays none (`exempt`);
 * 2. reverse charge when the seller (`SELLER_COUNTRY`) and the account are in two different EU member
 *    states and the account's `tax_id` is a VAT number of its country; it does not depend on a rate being
 *    configured, since the invoice must say so either way. A cross-border EU business without a valid
 *    `tax_id`, one in the seller's own country, or any customer of a seller outside the EU (or with no
 *    `SELLER_COUNTRY`) is taxed normally;
 * 3. otherwise the one rate of {@link applicableRate} (`taxed`), or `none` without one.
 * `rates` are the active rates; the caller need not filter them by country.
 */
export function taxTreatment(account: TaxableAccount, rates: readonly TaxRate[], sellerCountry: string | undefined): TaxTreatment {
  if (account.taxExempt) return { kind: 'exempt' };
  if (
    isEuMemberState(sellerCountry) &&
    isEuMemberState(account.country) &&
    account.country !== sellerCountry &&
    isValidVatNumber(account.taxId, account.country)
  ) {
    return { kind: 'reverse_charge', note: REVERSE_CHARGE_NOTE };
  }
  const rate = applicableRate(account, rates);
  return rate ? { kind: 'taxed', rate } : { kind: 'none' };
}

/**
 * The rate for an account's location, one per line (an invoice line carries one `tax_rate_id`):
 * a rate of the account's country AND region wins over the country's rate without region; a rate for
 * another region of the country never applies. Regions compare trimmed and case-insensitively ("ca" is
 * "CA"). Should two rates tie (the API keeps one active rate per country and region, so only a caller's
 * own list can), the newest wins: ids sort in creation order.
 */
export function applicableRate(account: Pick<TaxableAccount, 'country' | 'region'>, rates: readonly TaxRate[]): TaxRate | null {
  if (!account.country) return null;
  const region = normalizeRegion(account.region);
  const inCountry = rates.filter((rate) => rate.country === account.country);
  const regional = region === null ? [] : inCountry.filter((rate) => normalizeRegion(rate.region) === region);
  const countryWide = inCountry.filter((rate) => normalizeRegion(rate.region) === null);
  return newest(regional) ?? newest(countryWide);
}

function normalizeRegion(region: string | null | undefined): string | null {
  const trimmed = typeof region === 'string' ? region.trim().toLowerCase() : '';
  return trimmed.length > 0 ? trimmed : null;
}

function newest(rates: readonly TaxRate[]): TaxRate | null {
  return rates.reduce<TaxRate | null>((best, rate) => (best === null || rate.id > best.id ? rate : best), null);
}

/**
 * The tax of one line of `amount` minor units, rounded once, half away from zero, in exact arithmetic:
 * - exclusive rate: round(amount × p / 100), added on top of the line;
 * - inclusive rate: the amount already holds the tax: amount − round(amount / (1 + p / 100)).
 * A credit (negative) line carries negative tax: lineTax(−x) = −lineTax(x), since the rounding is symmetric.
 * Amounts are minor units of any currency (cents, yen, fils): rounding to an integer is rounding to the
 * currency's minor unit. Throws a RangeError for an amount that is not a safe integer.
 */
export function lineTax(amount: number, rate: TaxRate): number {
  const line = rational(amount);
  const fraction = multiplyRationals(parseDecimal(rate.percentage), rational(1, 100));
  if (fraction.numerator < 0n || fraction.numerator >= fraction.denominator) {
    throw new RangeError(`Tax rate ${rate.id} has a percentage "${rate.percentage}" outside 0 ≤ p < 100.`);
  }
  if (!rate.inclusive) return roundHalfAwayFromZero(multiplyRationals(line, fraction));
  // amount / (1 + p/100) = amount × d / (d + n) for p/100 = n/d
  const net = roundHalfAwayFromZero(multiplyRationals(line, rational(fraction.denominator, fraction.denominator + fraction.numerator)));
  const tax = amount - net;
  return tax === 0 ? 0 : tax; // never −0 (an amount of −0 would give one)
}
