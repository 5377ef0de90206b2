import { toStripeAmount } from './stripe-amount';

describe(toStripeAmount.name, () => {
  it.each([
    ['USD', 1999, 1999, 'two decimals at both'],
    ['EUR', 1, 1, 'one cent'],
    ['JPY', 500, 500, 'zero-decimal at both'],
    ['KRW', 15000, 15000, 'zero-decimal at both'],
    ['ISK', 500, 50000, 'ISO: no minor unit; Stripe: two-decimal, a multiple of 100'],
    ['UGX', 7, 700, 'as ISK'],
    ['MGA', 1500, 15, 'ISO: two decimals; Stripe: zero-decimal'],
    ['KWD', 1230, 1230, 'three decimals, a multiple of ten'],
    ['BHD', 10, 10, 'three decimals, a multiple of ten'],
  ])('%s %s → %s (%s)', (currency, amount, expected) => {
    expect(toStripeAmount(amount, currency)).toEqual({ ok: true, amount: expected, currency: currency.toLowerCase() });
  });

  it.each([
    ['KWD', 1235, /multiples of 10/],
    ['MGA', 150, /whole units/],
    ['USD', 0, /not a positive amount/],
    ['USD', -5, /not a positive amount/],
    ['USD', 1.5, /not a positive amount/],
  ])('refuses %s %s rather than rounding it', (currency, amount, reason) => {
    const result = toStripeAmount(amount, currency);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(reason);
  });

  it('refuses an unknown currency as the kernel does', () => {
    expect(() => toStripeAmount(100, 'usd')).toThrow(/not a supported ISO 4217 currency/);
  });
});
