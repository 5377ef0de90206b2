import fc from 'fast-check';
import { AmountOutOfRange } from './amount-range';
import { addRationals, multiplyDecimalString, multiplyRationals, parseDecimal, prorate, rational, roundHalfAwayFromZero } from './rounding';

describe(roundHalfAwayFromZero.name, () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [1, 2, 1],
    [-1, 2, -1],
    [3, 2, 2],
    [-3, 2, -2],
    [7, 3, 2],
    [-7, 3, -2],
    [8, 3, 3],
    [249, 100, 2],
    [251, 100, 3],
    [0, 7, 0],
  ])('rounds %i/%i to %i', (numerator, denominator, expected) => {
    expect(roundHalfAwayFromZero(rational(numerator, denominator))).toBe(expected);
  });

  it('never answers negative zero', () => {
    expect(Object.is(roundHalfAwayFromZero(rational(-1, 3)), 0)).toBe(true);
  });

  it('refuses results beyond the exact range with amount_out_of_range, at the boundary exactly', () => {
    expect(roundHalfAwayFromZero(rational(2n ** 53n - 1n))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => roundHalfAwayFromZero(rational(2n ** 53n))).toThrow(AmountOutOfRange);
    expect(() => roundHalfAwayFromZero(rational(-(2n ** 53n)))).toThrow(expect.objectContaining({ code: 'amount_out_of_range' }));
  });

  it('is off by at most half a minor unit and breaks ties away from zero', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (numerator, denominator) => {
        const rounded = BigInt(roundHalfAwayFromZero(rational(numerator, denominator)));
        // twice the error, in units of 1/denominator: |2 × (rounded − exact)| ≤ 1
        const twiceError = 2n * (rounded * denominator - numerator);
        expect(twiceError <= denominator && twiceError >= -denominator).toBe(true);
        const isTie = twiceError === denominator || twiceError === -denominator;
        if (isTie) expect(twiceError > 0n).toBe(numerator > 0n);
        expect(roundHalfAwayFromZero(rational(-numerator, denominator))).toBe(-Number(rounded) || 0);
      }),
    );
  });
});

describe(prorate.name, () => {
  it.each([
    ['USD worked example, old plan', 3000, 20, 30, 2000],
    ['USD worked example, new plan', 9000, 20, 30, 6000],
    ['JPY ¥1000 for 10 of 30 days', 1000, 10, 30, 333],
    ['JPY ¥1000 for 20 of 30 days', 1000, 20, 30, 667],
    ['KWD 10.000 for 5 of 31 days', 10000, 5, 31, 1613],
    ['exact half rounds up', 45, 15, 30, 23],
    ['exact negative half rounds down', -45, 15, 30, -23],
    ['nothing left', 3000, 0, 30, 0],
  ])('%s: %i × %i/%i = %i', (_case, amount, numerator, denominator, expected) => {
    expect(prorate(amount, numerator, denominator)).toBe(expected);
  });

  it('accepts amounts beyond 2^53 as BigInt while the result is safe', () => {
    expect(prorate(2n ** 60n, 1, 1024)).toBe(2 ** 50);
  });

  it.each([
    ['a fractional amount', () => prorate(10.5, 1, 2)],
    ['a zero denominator', () => prorate(10, 1, 0)],
    ['an unsafe amount', () => prorate(Number.MAX_SAFE_INTEGER + 1, 1, 1)],
  ])('refuses %s', (_case, call) => {
    expect(call).toThrow(RangeError);
  });

  it('refuses a result beyond the exact range as amount_out_of_range', () => {
    expect(() => prorate(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(AmountOutOfRange);
  });
});

describe(parseDecimal.name, () => {
  it.each([
    ['0.05', 1n, 20n],
    ['-12.50', -25n, 2n],
    ['+3', 3n, 1n],
    ['1e-7', 1n, 10_000_000n],
    ['1.5E3', 1500n, 1n],
    ['0.000', 0n, 1n],
  ])('reads "%s" exactly', (text, numerator, denominator) => {
    expect(parseDecimal(text)).toEqual({ numerator, denominator });
  });

  it.each(['', 'abc', '1.', '.5', '1,5', 'NaN', 'Infinity', '1e99999'])('refuses "%s"', (text) => {
    expect(() => parseDecimal(text)).toThrow(RangeError);
  });
});

describe(multiplyDecimalString.name, () => {
  it('prices 1500 calls at 0.2 minor units (volume tier) at 300', () => {
    expect(roundHalfAwayFromZero(multiplyDecimalString('1500', '0.2'))).toBe(300);
  });

  it('prices graduated tiers 100 × 0 + 900 × 0.5 + 500 × 0.2 at 550, rounding once', () => {
    const tiers = [multiplyDecimalString('100', '0'), multiplyDecimalString('900', '0.5'), multiplyDecimalString('500', '0.2')];
    expect(roundHalfAwayFromZero(tiers.reduce(addRationals))).toBe(550);
  });

  it('keeps sub-minor-unit products exact until the one rounding: 3 × 0.15 + 3 × 0.35 = 1.5 → 2', () => {
    const line = addRationals(multiplyDecimalString('3', '0.15'), multiplyDecimalString('3', '0.35'));
    expect(line).toEqual(rational(3, 2));
    expect(roundHalfAwayFromZero(line)).toBe(2);
  });

  it('agrees with multiplying the parsed factors', () => {
    expect(multiplyDecimalString('2.5', '0.05')).toEqual(multiplyRationals(parseDecimal('2.5'), parseDecimal('0.05')));
  });
});
