import { minorUnits } from '@billing/kernel';

export { formatDate, formatPeriod } from '../domain/period-format';

/**
 * Display formatting for the invoice PDF. Amounts never pass through floating point: an integer in minor
 * units becomes an exact decimal string ("-1234.56") by moving the decimal point in its digits, and
 * Intl.NumberFormat formats that string as it is (ECMA-402 NumberFormat v3, Node ≥ 19, formats a decimal
 * string exactly, without converting it to a double).
 */

export const DEFAULT_LOCALE = 'en-US';

/**
 * Decimal places shown beyond the currency's exponent for a unit price. The catalog accepts unit amounts
 * with at most 12 decimals of the minor unit (UNIT_AMOUNT_PATTERN in libs/catalog), so every stored unit
 * price prints exactly; a longer one would be rounded half away from zero at the 12th decimal.
 */
export const UNIT_AMOUNT_EXTRA_DECIMALS = 12;

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

function moneyFormat(locale: string, currency: string, minDecimals: number, maxDecimals: number): Intl.NumberFormat {
  return numberFormat(locale, {
    style: 'currency',
    currency,
    // The ISO code cannot be mistaken for another dollar or krone, and reads the same in every script.
    currencyDisplay: 'code',
    minimumFractionDigits: minDecimals,
    maximumFractionDigits: maxDecimals,
  });
}

/**
 * Moves the decimal point of a decimal number `exponent` places to the left: ("-", "1234", "5", 2) →
 * "-12.345". Leading zeros of the integer part are trimmed; a zero never carries a minus sign.
 */
function shiftLeft(sign: string, integerDigits: string, fractionDigits: string, exponent: number): string {
  const digits = (integerDigits + fractionDigits).padStart(fractionDigits.length + exponent + 1, '0');
  const point = digits.length - fractionDigits.length - exponent;
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point);
  const isZero = /^0*$/.test(integer + fraction);
  return `${sign === '-' && !isZero ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** The exact decimal string of an integer amount in minor units: (-2000, 2) → "-20.00", (1200, 0) → "1200". */
export function minorToDecimal(amountMinor: number, exponent: number): string {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`An amount in minor units must be a safe integer, got ${amountMinor}.`);
  }
  const text = String(amountMinor);
  const sign = text.startsWith('-') ? '-' : '';
  return shiftLeft(sign, sign ? text.slice(1) : text, '', exponent);
}

/**
 * An amount in the currency's minor unit as money: formatMoney(123456, 'USD') → "USD 1,234.56",
 * formatMoney(1200, 'JPY') → "JPY 1,200", formatMoney(12500, 'KWD') → "KWD 12.500". The ISO code is
 * shown rather than a symbol; in en-US the separator after it is a no-break space (U+00A0), as Intl gives.
 * Throws UnknownCurrencyError for a code without an ISO 4217 minor unit, RangeError for a non-integer.
 */
export function formatMoney(amountMinor: number, currency: string, locale: string = DEFAULT_LOCALE): string {
  const exponent = minorUnits(currency);
  const decimal = minorToDecimal(amountMinor, exponent) as Intl.StringNumericLiteral;
  return moneyFormat(locale, currency, exponent, exponent).format(decimal);
}

/**
 * A unit price given as a decimal string in minor units ("0.05" = 0.05 cents) as money in major units:
 * at least the currency's decimals, and up to UNIT_AMOUNT_EXTRA_DECIMALS (12) more, so that every
 * decimal of the minor unit the catalog can store is shown exactly and trailing zeros past the currency's
 * decimals are dropped: ("0.05", USD) → "USD 0.0005", ("1999", USD) → "USD 19.99", ("12.5", JPY) → "JPY 12.5".
 * A string that is not a plain decimal is returned unchanged (the PDF still shows what the invoice says).
 */
export function formatUnitAmount(unitAmountMinor: string, currency: string, locale: string = DEFAULT_LOCALE): string {
  const exponent = minorUnits(currency);
  const match = DECIMAL.exec(unitAmountMinor.trim());
  if (!match) return unitAmountMinor;
  const [, sign, integerDigits, fractionDigits = ''] = match;
  const decimal = shiftLeft(sign, integerDigits, fractionDigits, exponent) as Intl.StringNumericLiteral;
  return moneyFormat(locale, currency, exponent, exponent + UNIT_AMOUNT_EXTRA_DECIMALS).format(decimal);
}

/**
 * A quantity given as a decimal string, with digit grouping and every decimal it has (trailing zeros
 * dropped): "1500" → "1,500", "2.50" → "2.5". A string that is not a plain decimal is returned unchanged.
 */
export function formatQuantity(quantity: string, locale: string = DEFAULT_LOCALE): string {
  const match = DECIMAL.exec(quantity.trim());
  if (!match) return quantity;
  const [, sign, integerDigits, fractionDigits = ''] = match;
  const decimal = shiftLeft(sign, integerDigits, fractionDigits, 0) as Intl.StringNumericLiteral;
  return numberFormat(locale, { maximumFractionDigits: Math.min(fractionDigits.length, 100) }).format(decimal);
}

/** A tax rate's percentage as printed: "20.0" → "20%", "7.75" → "7.75%". */
export function formatPercentage(percentage: string, locale: string = DEFAULT_LOCALE): string {
  return `${formatQuantity(percentage, locale)}%`;
}

/** The English name of an ISO 3166-1 alpha-2 country code ("DE" → "Germany"), else the text as given. */
export function countryName(code: string): string {
  const trimmed = code.trim();
  if (!/^[A-Za-z]{2}$/.test(trimmed)) return trimmed;
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }).of(trimmed.toUpperCase()) ?? trimmed;
  } catch {
    return trimmed;
  }
}

/**
 * Text as the PDF prints it: composed (NFC: "o" and a combining acute become the one letter "ó" that the
 * fonts draw), line breaks as "\n", and every other control character a space (a tab, or a stray escape
 * code that would print as a missing glyph). A character that no font has is replaced when the text is
 * split into runs by font (fontRuns in fonts.ts).
 */
export function toPdfText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n]/gu, ' ');
}
