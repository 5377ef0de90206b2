import { taxRateLabel, taxSummary } from './document-parts';

const VAT = { name: 'VAT', percentage: '20.0', inclusive: false };
const INCLUDED = { name: 'MwSt', percentage: '7.0', inclusive: true };

describe(taxRateLabel.name, () => {
  it.each([
    [VAT, 'VAT 20%'],
    [INCLUDED, 'MwSt 7% incl.'],
    [{ name: '消費税', percentage: '10', inclusive: false }, '消費税 10%'],
    [{ name: 'GST', percentage: '7.75', inclusive: false }, 'GST 7.75%'],
    [{ name: 'Zero-rated', percentage: '0.0', inclusive: false }, 'Zero-rated 0%'],
  ])('%j → %s', (rate, expected) => {
    expect(taxRateLabel(rate)).toBe(expected);
  });
});

describe(taxSummary.name, () => {
  const money = (amount: number) => String(amount);

  it('sums each rate in the order the rates first appear, the amounts without their tax, and leaves out untaxed amounts', () => {
    const rows = taxSummary(
      [
        { rate: INCLUDED, amount: 1070, tax: 70 },
        { rate: VAT, amount: 1000, tax: 200 },
        { rate: null, amount: 500, tax: 0 },
        { rate: INCLUDED, amount: 2140, tax: 140 },
      ],
      money,
    );

    expect(rows).toEqual([
      { rate: 'MwSt 7% incl.', net: '3000', tax: '210' },
      { rate: 'VAT 20%', net: '1000', tax: '200' },
    ]);
  });

  it('is empty without rates', () => {
    expect(taxSummary([{ rate: null, amount: 500, tax: 0 }], money)).toEqual([]);
  });
});
