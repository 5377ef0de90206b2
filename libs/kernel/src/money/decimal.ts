import { addRationals, parseDecimal, Rational, rational } from './rounding';

/**
 * Decimal strings for quantities and unit prices: exact (rationals of BigInts underneath), one spelling per value so
 * that the database's answer and the pure aggregator's compare equal: no exponent, no sign on zero, no
 * trailing fraction zeros ("12.50" → "12.5", "-0" → "0", "1e-7" → "0.0000001").
 */

/** Digits kept after the point when a value does not end (an average such as 550/1500). */
export const MAX_DECIMALS = 12;

/** The canonical spelling of a decimal string (which may carry an exponent or trailing zeros). */
export function canonicalDecimal(text: string): string {
  return formatRational(parseDecimal(text.trim()));
}

/** A JavaScript number as the decimal it spells (its shortest round-trip form), without exponent. */
export function decimalFromNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number.`);
  return canonicalDecimal(String(value));
}

/**
 * A rational as a decimal string: exact when its expansion ends (every sum of decimal strings does), else
 * rounded half away from zero to `maxDecimals` places.
 */
export function formatRational(value: Rational, maxDecimals = Number.POSITIVE_INFINITY): string {
  const { numerator, denominator } = value;
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const scale = terminatingScale(denominator);
  let digits: bigint;
  let places: number;
  if (scale !== null && scale <= maxDecimals) {
    places = scale;
    digits = (magnitude * 10n ** BigInt(places)) / denominator;
  } else {
    places = Number.isFinite(maxDecimals) ? maxDecimals : MAX_DECIMALS;
    const scaled = magnitude * 10n ** BigInt(places);
    digits = scaled / denominator;
    if (2n * (scaled % denominator) >= denominator) digits += 1n;
  }
  let text = digits.toString();
  if (places > 0) {
    text = text.padStart(places + 1, '0');
    text = `${text.slice(0, -places)}.${text.slice(-places)}`.replace(/\.?0+$/, '');
  }
  return negative && text !== '0' ? `-${text}` : text;
}

/** The number of decimal places in which 1/denominator ends, or null when it never does. */
function terminatingScale(denominator: bigint): number | null {
  let rest = denominator;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos += 1;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives += 1;
  }
  return rest === 1n ? Math.max(twos, fives) : null;
}

export function compareRationals(a: Rational, b: Rational): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function subtractRationals(a: Rational, b: Rational): Rational {
  return addRationals(a, rational(-b.numerator, b.denominator));
}

export function divideRationals(a: Rational, b: Rational): Rational {
  if (b.numerator === 0n) throw new RangeError('division by zero');
  return rational(a.numerator * b.denominator, a.denominator * b.numerator);
}

export const ZERO: Rational = rational(0);

/** Ceiling of a rational, as a BigInt. */
export function ceilRational(value: Rational): bigint {
  const { numerator, denominator } = value;
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator > 0n ? quotient + 1n : quotient;
}
