import { exactAmount } from './amount-range';

/**
 * Exact arithmetic for money: a value is a rational number of BigInts, so no floating point ever touches
 * an amount. Intermediate products stay exact and each invoice line is rounded once, half away from zero.
 */
export interface Rational {
  readonly numerator: bigint;
  /** Always positive. */
  readonly denominator: bigint;
}

export type IntegerLike = number | bigint;

function toBigInt(value: IntegerLike, name: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${value}.`);
  return BigInt(value);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(numerator: IntegerLike, denominator: IntegerLike = 1n): Rational {
  let n = toBigInt(numerator, 'numerator');
  let d = toBigInt(denominator, 'denominator');
  if (d === 0n) throw new RangeError('denominator must not be zero.');
  if (d < 0n) [n, d] = [-n, -d];
  const divisor = gcd(n, d);
  return divisor > 1n ? { numerator: n / divisor, denominator: d / divisor } : { numerator: n, denominator: d };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string ("0.05", "-12.5", "1e-7") exactly. */
export function parseDecimal(text: string): Rational {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal number.`);
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) {
    throw new RangeError(`"${text}" is out of range.`);
  }
  const digits = BigInt(`${sign}${whole}${fraction}`);
  return exponent >= 0 ? rational(digits * 10n ** BigInt(exponent)) : rational(digits, 10n ** BigInt(-exponent));
}

export function multiplyRationals(a: Rational, b: Rational): Rational {
  return rational(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function addRationals(a: Rational, b: Rational): Rational {
  return rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

/** quantity × unit amount, both decimal strings (fractional unit prices are in minor units: "0.05"). */
export function multiplyDecimalString(quantity: string, unitAmount: string): Rational {
  return multiplyRationals(parseDecimal(quantity), parseDecimal(unitAmount));
}

/** Rounds to an integer, ties away from zero (2.5 → 3, −2.5 → −3); AmountOutOfRange beyond the exact range. */
export function roundHalfAwayFromZero(value: Rational): number {
  const { numerator, denominator } = value;
  const magnitude = numerator < 0n ? -numerator : numerator;
  let rounded = magnitude / denominator;
  if (2n * (magnitude % denominator) >= denominator) rounded += 1n;
  return exactAmount(numerator < 0n ? -rounded : rounded);
}

/** round_half_away_from_zero(amount × numerator / denominator): one proration line, rounded once. */
export function prorate(amountMinor: IntegerLike, numerator: number, denominator: number): number {
  return roundHalfAwayFromZero(
    rational(toBigInt(amountMinor, 'amountMinor') * toBigInt(numerator, 'numerator'), toBigInt(denominator, 'denominator')),
  );
}
