import { DomainError, FieldError } from '../errors/domain-error';

/** The largest amount in minor units that is exact as a JavaScript number (and fits a bigint column). */
export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

/**
 * An amount (a rated usage charge, a fee × quantity, an invoice total) beyond {@link MAX_AMOUNT} minor units.
 * A request that causes one is refused with 422; where the bill run meets one, only that subscription fails.
 */
export class AmountOutOfRange extends DomainError {
  constructor(what: string, errors?: FieldError[]) {
    super('validation', 'amount_out_of_range', `${what} would exceed ${MAX_AMOUNT} minor units, the largest exact amount.`, errors);
  }
}

/** `value` as a number, or AmountOutOfRange when it is not exact. */
export function exactAmount(value: bigint | number, what = 'The amount', errors?: FieldError[]): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result) || BigInt(result) !== BigInt(value)) throw new AmountOutOfRange(what, errors);
  return result;
}

/** The sum of exact amounts, checked: a total beyond the exact range is AmountOutOfRange, never a rounded number. */
export function sumAmounts(values: readonly number[], what = 'The total'): number {
  return exactAmount(
    values.reduce((total, value) => total + BigInt(value), 0n),
    what,
  );
}
