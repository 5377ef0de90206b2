import fc from 'fast-check';
import { AmountOutOfRange, exactAmount, MAX_AMOUNT, sumAmounts } from './amount-range';

describe(sumAmounts.name, () => {
  it('adds exactly up to the largest exact amount and refuses one minor unit more', () => {
    expect(sumAmounts([MAX_AMOUNT - 10, 10])).toBe(MAX_AMOUNT);
    expect(() => sumAmounts([MAX_AMOUNT - 10, 11])).toThrow(AmountOutOfRange);
    expect(() => sumAmounts([-MAX_AMOUNT, -1])).toThrow(AmountOutOfRange);
  });

  it('never answers a rounded number: the result is the exact sum or an error', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }), { maxLength: 20 }), (values) => {
        const exact = values.reduce((total, value) => total + BigInt(value), 0n);
        const inRange = exact <= BigInt(MAX_AMOUNT) && exact >= -BigInt(MAX_AMOUNT);
        if (inRange) expect(BigInt(sumAmounts(values))).toBe(exact);
        else expect(() => sumAmounts(values)).toThrow(AmountOutOfRange);
      }),
    );
  });
});

describe(exactAmount.name, () => {
  it('names the fields at fault', () => {
    const error = (() => {
      try {
        exactAmount(2n ** 60n, 'The fee', [{ field: 'quantity', message: 'too large for the price' }]);
      } catch (caught) {
        return caught as AmountOutOfRange;
      }
    })();
    expect(error).toMatchObject({ kind: 'validation', code: 'amount_out_of_range', errors: [{ field: 'quantity' }] });
  });
});
