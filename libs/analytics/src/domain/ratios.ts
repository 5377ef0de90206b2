/** Decimal places of the rates the API answers (`"0.0525"` is 5.25 %). */
export const RATE_DECIMALS = 4;

/**
 * `numerator ÷ denominator` as a decimal string with RATE_DECIMALS places, rounded half away from zero, exact
 * (integer arithmetic); null when the denominator is 0 (a rate of nothing is not 0).
 */
export function decimalRatio(numerator: number, denominator: number, decimals = RATE_DECIMALS): string | null {
  if (denominator === 0) return null;
  const negative = numerator < 0 !== denominator < 0 && numerator !== 0;
  const n = BigInt(Math.abs(numerator)) * 10n ** BigInt(decimals);
  const d = BigInt(Math.abs(denominator));
  const scaled = (2n * n + d) / (2n * d);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** `numerator ÷ denominator` in whole minor units, half away from zero; null when the denominator is 0. */
export function roundedQuotient(numerator: bigint, denominator: bigint): number | null {
  if (denominator === 0n) return null;
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return Number(negative ? -quotient : quotient);
}
