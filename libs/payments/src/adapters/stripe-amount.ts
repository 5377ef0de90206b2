import { minorUnits } from '@billing/kernel';

/**
 * The platform counts money in ISO 4217 minor units; Stripe mostly does too, with exceptions
 * (https://docs.stripe.com/currencies#special-cases) that would charge a hundred times too much or too little:
 * - ISK and UGX have no minor unit in ISO 4217, but Stripe takes them "two-decimal", as a multiple of 100;
 * - MGA has two decimals in ISO 4217 but none at Stripe (a zero-decimal currency);
 * - the three-decimal currencies it supports (BHD, JOD, KWD, OMR, TND) must end in 0 on card payments.
 */
const STRIPE_EXPONENT: Readonly<Record<string, number>> = { ISK: 2, UGX: 2, MGA: 0 };
const THREE_DECIMAL_ROUNDED_TO_TEN: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

export type StripeAmount = { ok: true; amount: number; currency: string } | { ok: false; message: string };

/**
 * `amount` minor units of `currency` as Stripe wants them (amount in its unit, currency in lower case), or why
 * Stripe cannot take it. An amount that does not fit is refused here rather than rounded: rounding would charge
 * something other than the invoice says.
 */
export function toStripeAmount(amount: number, currency: string): StripeAmount {
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, message: `${amount} is not a positive amount in minor units.` };
  const iso = minorUnits(currency);
  const shift = (STRIPE_EXPONENT[currency] ?? iso) - iso;
  let converted = amount;
  if (shift > 0) converted = amount * 10 ** shift;
  if (shift < 0) {
    const divisor = 10 ** -shift;
    if (amount % divisor !== 0) {
      return { ok: false, message: `${currency} is charged in whole units at Stripe; ${amount} minor units is not a whole amount.` };
    }
    converted = amount / divisor;
  }
  if (THREE_DECIMAL_ROUNDED_TO_TEN.has(currency) && converted % 10 !== 0) {
    return { ok: false, message: `Stripe charges ${currency} cards in multiples of 10 minor units; ${amount} is not one.` };
  }
  if (!Number.isSafeInteger(converted)) return { ok: false, message: `${amount} ${currency} is beyond what Stripe can charge.` };
  return { ok: true, amount: converted, currency: currency.toLowerCase() };
}
