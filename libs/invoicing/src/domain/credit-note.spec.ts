import { creditNoteAmounts } from './credit-note';

describe(creditNoteAmounts.name, () => {
  it.each([
    [
      'exclusive 20% (12 000 = 10 000 + 2 000): 6 000 credits 1 000 of tax',
      { subtotal: 10_000, tax: 2_000, total: 12_000 },
      6_000,
      { subtotal: 5_000, tax: 1_000, total: 6_000 },
    ],
    [
      'inclusive 20% (12 000 holds 2 000): 6 000 credits 1 000 of tax',
      { subtotal: 12_000, tax: 2_000, total: 12_000 },
      6_000,
      { subtotal: 6_000, tax: 1_000, total: 6_000 },
    ],
    ['exclusive, rounded once half away from zero', { subtotal: 1_000, tax: 190, total: 1_190 }, 5, { subtotal: 4, tax: 1, total: 5 }],
    ['no tax', { subtotal: 3_000, tax: 0, total: 3_000 }, 3_000, { subtotal: 3_000, tax: 0, total: 3_000 }],
  ])('%s', (_case, invoice, amount, expected) => {
    expect(creditNoteAmounts(amount, invoice)).toEqual(expected);
  });
});
