import type { Charge, ChargeModel, ChargePrice, Tier, TieredPrice } from '@billing/catalog/domain';
import fc from 'fast-check';
import { money, rateCharge, ratePrice } from './rating';

const WORKED_TIERS: Tier[] = [
  { upTo: 100, unitAmount: '0', flatAmount: 0 },
  { upTo: 1000, unitAmount: '0.5', flatAmount: 0 },
  { upTo: null, unitAmount: '0.2', flatAmount: 0 },
];
const tiered = (tiers: Tier[], currency = 'USD'): TieredPrice => ({ currency, tiers });

describe(ratePrice.name, () => {
  it.each<{ name: string; model: ChargeModel; price: ChargePrice; quantity: string; amount: number; unitAmount?: string }>([
    // BILLING-RULES.md, Usage: the worked examples.
    {
      name: 'graduated worked example: 100 × 0 + 900 × 0.5 + 500 × 0.2',
      model: 'graduated',
      price: tiered(WORKED_TIERS),
      quantity: '1500',
      amount: 550,
    },
    {
      name: 'volume worked example: 1500 × 0.2',
      model: 'volume',
      price: tiered(WORKED_TIERS),
      quantity: '1500',
      amount: 300,
      unitAmount: '0.2',
    },
    { name: 'graduated inside the free tier', model: 'graduated', price: tiered(WORKED_TIERS), quantity: '100', amount: 0 },
    { name: 'graduated at a tier bound', model: 'graduated', price: tiered(WORKED_TIERS), quantity: '1000', amount: 450 },
    {
      name: 'graduated one unit into the top tier (450.2 → 450)',
      model: 'graduated',
      price: tiered(WORKED_TIERS),
      quantity: '1001',
      amount: 450,
    },
    {
      name: 'graduated 101 units: 0.5 rounds away from zero to 1',
      model: 'graduated',
      price: tiered(WORKED_TIERS),
      quantity: '101',
      amount: 1,
    },
    {
      name: 'volume at the bound stays in the lower tier (1000 × 0.5)',
      model: 'volume',
      price: tiered(WORKED_TIERS),
      quantity: '1000',
      amount: 500,
    },
    {
      name: 'volume one unit more drops to the top tier (1001 × 0.2 = 200.2)',
      model: 'volume',
      price: tiered(WORKED_TIERS),
      quantity: '1001',
      amount: 200,
    },
    { name: 'volume in the free tier', model: 'volume', price: tiered(WORKED_TIERS), quantity: '50', amount: 0 },
    {
      name: 'per_unit fractional price: 1234 × 0.05 = 61.7',
      model: 'per_unit',
      price: { currency: 'USD', unitAmount: '0.05' },
      quantity: '1234',
      amount: 62,
      unitAmount: '0.05',
    },
    {
      name: 'per_unit half rounds away from zero: 10 × 0.05 = 0.5',
      model: 'per_unit',
      price: { currency: 'USD', unitAmount: '0.05' },
      quantity: '10',
      amount: 1,
    },
    {
      name: 'per_unit below half rounds down: 9 × 0.05 = 0.45',
      model: 'per_unit',
      price: { currency: 'USD', unitAmount: '0.05' },
      quantity: '9',
      amount: 0,
    },
    {
      name: 'per_unit fractional quantity: 12.5 GB × 8',
      model: 'per_unit',
      price: { currency: 'USD', unitAmount: '8' },
      quantity: '12.5',
      amount: 100,
    },
    {
      name: 'per_unit tiny price on a large quantity, exactly',
      model: 'per_unit',
      price: { currency: 'USD', unitAmount: '0.000000000001' },
      quantity: '500000000000',
      amount: 1,
    },
    {
      name: 'package: 1500 units in packages of 100 at 150',
      model: 'package',
      price: { currency: 'USD', packageSize: 100, packageAmount: 150 },
      quantity: '1500',
      amount: 2250,
    },
    {
      name: 'package: a started package is charged whole (1501 → 16)',
      model: 'package',
      price: { currency: 'USD', packageSize: 100, packageAmount: 150 },
      quantity: '1501',
      amount: 2400,
    },
    {
      name: 'package: one unit is one package',
      model: 'package',
      price: { currency: 'USD', packageSize: 100, packageAmount: 150 },
      quantity: '1',
      amount: 150,
    },
    {
      name: 'package: a fractional unit starts a package',
      model: 'package',
      price: { currency: 'USD', packageSize: 100, packageAmount: 150 },
      quantity: '0.5',
      amount: 150,
    },
    {
      name: 'zero usage bills nothing, flat amounts included',
      model: 'graduated',
      price: tiered([{ upTo: null, unitAmount: '1', flatAmount: 500 }]),
      quantity: '0',
      amount: 0,
      unitAmount: '0',
    },
    {
      name: 'a negative quantity rates as zero',
      model: 'per_unit',
      price: { currency: 'USD', unitAmount: '3' },
      quantity: '-4',
      amount: 0,
    },
    {
      name: 'graduated flat amounts of every tier reached',
      model: 'graduated',
      price: tiered([
        { upTo: 10, unitAmount: '0', flatAmount: 1000 },
        { upTo: 20, unitAmount: '10', flatAmount: 500 },
        { upTo: null, unitAmount: '5', flatAmount: 200 },
      ]),
      quantity: '15',
      amount: 1550,
    },
    {
      name: 'volume flat amount of the tier the total falls in only',
      model: 'volume',
      price: tiered([
        { upTo: 10, unitAmount: '0', flatAmount: 1000 },
        { upTo: 20, unitAmount: '10', flatAmount: 500 },
        { upTo: null, unitAmount: '5', flatAmount: 200 },
      ]),
      quantity: '15',
      amount: 650,
    },
    {
      name: 'graduated fractional quantity crosses a bound by half a unit',
      model: 'graduated',
      price: tiered(WORKED_TIERS),
      quantity: '100.5',
      amount: 0,
    },
    {
      name: 'graduated fractional quantity: 100 × 0 + 2.5 × 0.5 + nothing above',
      model: 'graduated',
      price: tiered(WORKED_TIERS),
      quantity: '102.5',
      amount: 1,
    },
    { name: 'JPY per_unit in whole yen', model: 'per_unit', price: { currency: 'JPY', unitAmount: '0.3' }, quantity: '1005', amount: 302 },
    { name: 'KWD per_unit in fils', model: 'per_unit', price: { currency: 'KWD', unitAmount: '1.5' }, quantity: '3', amount: 5 },
  ])('$name → $amount', ({ model, price, quantity, amount, unitAmount }) => {
    const rated = ratePrice(model, price, quantity);
    expect(rated.amount).toBe(amount);
    if (unitAmount !== undefined) expect(rated.unitAmount).toBe(unitAmount);
  });

  it('describes the tiers used of a graduated price', () => {
    expect(ratePrice('graduated', tiered(WORKED_TIERS), '1500')).toMatchObject({
      quantity: '1500',
      amount: 550,
      unitAmount: '0.366666666667',
      description: '1500 units (graduated): 100 × USD 0.00 (0–100) + 900 × USD 0.005 (101–1000) + 500 × USD 0.002 (1001+)',
      tiers: [
        { from: '0', upTo: 100, units: '100', unitAmount: '0' },
        { from: '100', upTo: 1000, units: '900', unitAmount: '0.5' },
        { from: '1000', upTo: null, units: '500', unitAmount: '0.2' },
      ],
    });
  });

  it('describes the tier of a volume price, the per_unit price and the packages', () => {
    expect(ratePrice('volume', tiered(WORKED_TIERS), '1500').description).toBe('1500 units × USD 0.002 (volume tier 1001+)');
    expect(ratePrice('per_unit', { currency: 'USD', unitAmount: '0.05' }, '1234').description).toBe('1234 units × USD 0.0005');
    expect(ratePrice('package', { currency: 'EUR', packageSize: 100, packageAmount: 150 }, '1501').description).toBe(
      '1501 units in 16 packages of 100 × EUR 1.50',
    );
    expect(ratePrice('per_unit', { currency: 'USD', unitAmount: '1' }, '0').description).toBe('No usage');
    expect(
      ratePrice(
        'graduated',
        tiered([
          { upTo: 10, unitAmount: '0', flatAmount: 1000 },
          { upTo: null, unitAmount: '1', flatAmount: 0 },
        ]),
        '1',
      ).description,
    ).toBe('1 unit (graduated): 1 × USD 0.00 (0–10) + USD 10.00 flat');
  });

  it('canonicalises the quantity it shows', () => {
    expect(ratePrice('per_unit', { currency: 'USD', unitAmount: '1' }, '12.500').quantity).toBe('12.5');
    expect(ratePrice('per_unit', { currency: 'USD', unitAmount: '1' }, '-3').quantity).toBe('0');
  });
});

describe(rateCharge.name, () => {
  const charge: Charge = {
    id: 'chg_1',
    metricId: 'bm_1',
    metricCode: 'api_calls',
    model: 'graduated',
    prices: [tiered(WORKED_TIERS, 'USD'), tiered([{ upTo: null, unitAmount: '1', flatAmount: 0 }], 'EUR')],
  };

  it('rates with the price of the currency', () => {
    expect(rateCharge(charge, 'USD', '1500').amount).toBe(550);
    expect(rateCharge(charge, 'EUR', '1500').amount).toBe(1500);
  });

  it('refuses a currency the charge has no price in', () => {
    expect(() => rateCharge(charge, 'JPY', '1')).toThrow(/no price in JPY/);
  });
});

describe(money.name, () => {
  it.each([
    ['0.5', 'USD', 'USD 0.005'],
    ['0', 'USD', 'USD 0.00'],
    ['150', 'EUR', 'EUR 1.50'],
    ['1200', 'JPY', 'JPY 1200'],
    ['0.3', 'JPY', 'JPY 0.3'],
    ['5', 'KWD', 'KWD 0.005'],
  ])('spells %s minor units of %s as %s', (minor, currency, expected) => {
    expect(money(minor, currency)).toBe(expected);
  });
});

describe('rating properties', () => {
  const unitAmount = fc
    .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 4 }))
    .map(([digits, scale]) => (scale === 0 ? String(digits) : (digits / 10 ** scale).toFixed(scale)));
  const quantity = fc
    .tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 3 }))
    .map(([digits, scale]) => (scale === 0 ? String(digits) : (digits / 10 ** scale).toFixed(scale)));
  /** Tiers with ascending bounds, the last open-ended. */
  const tiers = (prices: fc.Arbitrary<string[]>, flats: fc.Arbitrary<number>) =>
    fc
      .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 0, maxLength: 5 }), prices)
      .chain(([bounds, unitAmounts]) => {
        const sorted = [...bounds].sort((a, b) => a - b);
        const count = Math.min(sorted.length + 1, unitAmounts.length);
        return fc.array(flats, { minLength: count, maxLength: count }).map((flatAmounts) =>
          Array.from({ length: count }, (_, index): Tier => ({
            upTo: index === count - 1 ? null : sorted[index],
            unitAmount: unitAmounts[index],
            flatAmount: flatAmounts[index],
          })),
        );
      });
  const anyTiers = tiers(fc.array(unitAmount, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 10_000 }));
  const sortedPrices = (direction: 1 | -1) =>
    fc.array(unitAmount, { minLength: 1, maxLength: 6 }).map((prices) => [...prices].sort((a, b) => direction * (Number(a) - Number(b))));
  const ordered = ([a, b]: [string, string]): [string, string] => (Number(a) <= Number(b) ? [a, b] : [b, a]);

  it('graduated amounts never decrease with the quantity', () => {
    fc.assert(
      fc.property(anyTiers, fc.tuple(quantity, quantity), (priceTiers, pair) => {
        const [low, high] = ordered(pair);
        expect(ratePrice('graduated', tiered(priceTiers), low).amount).toBeLessThanOrEqual(
          ratePrice('graduated', tiered(priceTiers), high).amount,
        );
      }),
    );
  });

  it('per_unit and package amounts never decrease with the quantity', () => {
    fc.assert(
      fc.property(
        unitAmount,
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.tuple(quantity, quantity),
        (price, size, packageAmount, pair) => {
          const [low, high] = ordered(pair);
          expect(ratePrice('per_unit', { currency: 'USD', unitAmount: price }, low).amount).toBeLessThanOrEqual(
            ratePrice('per_unit', { currency: 'USD', unitAmount: price }, high).amount,
          );
          const packagePrice = { currency: 'USD', packageSize: size, packageAmount };
          expect(ratePrice('package', packagePrice, low).amount).toBeLessThanOrEqual(ratePrice('package', packagePrice, high).amount);
        },
      ),
    );
  });

  it('volume is not monotone: crossing into a cheaper tier can lower the amount', () => {
    expect(ratePrice('volume', tiered(WORKED_TIERS), '1000').amount).toBeGreaterThan(
      ratePrice('volume', tiered(WORKED_TIERS), '1001').amount,
    );
  });

  it('with prices falling tier by tier and no flat amounts, volume never bills more than graduated', () => {
    fc.assert(
      fc.property(tiers(sortedPrices(-1), fc.constant(0)), quantity, (priceTiers, units) => {
        expect(ratePrice('volume', tiered(priceTiers), units).amount).toBeLessThanOrEqual(
          ratePrice('graduated', tiered(priceTiers), units).amount,
        );
      }),
    );
  });

  it('with prices rising tier by tier and no flat amounts, volume never bills less than graduated', () => {
    fc.assert(
      fc.property(tiers(sortedPrices(1), fc.constant(0)), quantity, (priceTiers, units) => {
        expect(ratePrice('volume', tiered(priceTiers), units).amount).toBeGreaterThanOrEqual(
          ratePrice('graduated', tiered(priceTiers), units).amount,
        );
      }),
    );
  });

  it('one tier makes graduated, volume and per_unit the same charge', () => {
    fc.assert(
      fc.property(unitAmount, quantity, (price, units) => {
        const single = tiered([{ upTo: null, unitAmount: price, flatAmount: 0 }]);
        const expected = ratePrice('per_unit', { currency: 'USD', unitAmount: price }, units).amount;
        expect(ratePrice('graduated', single, units).amount).toBe(expected);
        expect(ratePrice('volume', single, units).amount).toBe(expected);
      }),
    );
  });

  it('graduated units add up to the quantity, and the line is rounded once (not tier by tier)', () => {
    fc.assert(
      fc.property(anyTiers, quantity, (priceTiers, units) => {
        const rated = ratePrice('graduated', tiered(priceTiers), units);
        const sum = rated.tiers.reduce((total, tier) => total + Number(tier.units), 0);
        expect(sum).toBeCloseTo(Number(rated.quantity), 6);
      }),
    );
    // Three tiers of 0.5 each: rounding per tier would give 3 (1 + 1 + 1), once gives 2 (1.5 → 2).
    const halves = tiered([
      { upTo: 1, unitAmount: '0.5', flatAmount: 0 },
      { upTo: 2, unitAmount: '0.5', flatAmount: 0 },
      { upTo: null, unitAmount: '0.5', flatAmount: 0 },
    ]);
    expect(ratePrice('graduated', halves, '3').amount).toBe(2);
  });
});
