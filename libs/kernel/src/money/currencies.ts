import * as currencyCodes from 'currency-codes';
import { DomainError } from '../errors/domain-error';

/**
 * ISO 4217 codes whose minor unit is "N.A." (precious metals, bond-market units, SDR, SUCRE, ADB unit,
 * the test code and "no currency"). `currency-codes` turns "N.A." into `digits: 0`, which would make gold
 * look like a zero-decimal currency; these are not money an invoice can be priced in. The spec checks this
 * set against the ISO XML the package ships, so a package update that changes it fails loudly.
 */
export const CODES_WITHOUT_MINOR_UNIT: ReadonlySet<string> = new Set('XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX'.split(' '));

export class UnknownCurrencyError extends DomainError {
  constructor(readonly currency: string) {
    super('validation', 'unknown_currency', `"${currency}" is not a supported ISO 4217 currency code.`);
  }
}

const minorUnitsByCode: ReadonlyMap<string, number> = new Map(
  currencyCodes.data.filter((c) => Number.isInteger(c.digits) && !CODES_WITHOUT_MINOR_UNIT.has(c.code)).map((c) => [c.code, c.digits]),
);

/** Every ISO 4217 currency with a defined minor unit, sorted by code. */
export const SUPPORTED_CURRENCIES: readonly string[] = Object.freeze([...minorUnitsByCode.keys()].sort());

/** Codes are matched exactly: the API speaks upper-case ISO 4217, so "usd" is not a currency. */
export function isSupportedCurrency(code: string): boolean {
  return minorUnitsByCode.has(code);
}

/** Decimal places of the currency's minor unit: 2 for USD (cents), 0 for JPY, 3 for KWD (fils). */
export function minorUnits(code: string): number {
  const digits = minorUnitsByCode.get(code);
  if (digits === undefined) throw new UnknownCurrencyError(code);
  return digits;
}
