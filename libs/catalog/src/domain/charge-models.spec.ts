import { FieldErrors } from './catalog-rules';
import {
  ChargeModel,
  ChargePriceInput,
  chargePriceIn,
  checkChargePrice,
  checkChargePrices,
  checkTiers,
  fromChargePriceView,
  TierInput,
  toChargePriceView,
  unitAmountProblem,
} from './charge-models';

function errorsOf(run: (errors: FieldErrors) => unknown) {
  const errors = new FieldErrors();
  run(errors);
  return errors.list.map((error) => error.field);
}

describe(unitAmountProblem.name, () => {
  it.each(['0', '0.05', '12', '12.5', '0.000000000001', '999999999999999.999999999999'])('accepts "%s"', (value) => {
    expect(unitAmountProblem(value)).toBeUndefined();
  });

  it.each([
    ['a negative amount', '-1'],
    ['13 decimals', '0.0000000000001'],
    ['16 integer digits', '1000000000000000'],
    ['an exponent', '1e-3'],
    ['a leading zero', '05'],
    ['a trailing dot', '5.'],
    ['a leading dot', '.5'],
    ['a sign', '+5'],
    ['an empty string', ''],
    ['spaces', ' 1'],
    ['a number', 0.05],
    ['null', null],
  ])('refuses %s', (_, value) => {
    expect(unitAmountProblem(value)).toEqual(expect.any(String));
  });
});

describe(checkTiers.name, () => {
  const tier = (upTo: number | null, unitAmount = '1', flatAmount?: number): TierInput => ({ upTo, unitAmount, flatAmount });

  it('accepts ascending tiers ending with an open one, and defaults flat_amount to 0', () => {
    const errors = new FieldErrors();
    expect(checkTiers([tier(100, '0'), tier(1000, '0.5', 200), tier(null, '0.2')], 't', errors)).toEqual([
      { upTo: 100, unitAmount: '0', flatAmount: 0 },
      { upTo: 1000, unitAmount: '0.5', flatAmount: 200 },
      { upTo: null, unitAmount: '0.2', flatAmount: 0 },
    ]);
    expect(errors.list).toEqual([]);
  });

  it('accepts a single open tier', () => {
    expect(errorsOf((errors) => checkTiers([tier(null)], 't', errors))).toEqual([]);
  });

  it.each<[string, TierInput[] | undefined, string[]]>([
    ['no tiers', [], ['t']],
    ['a missing list', undefined, ['t']],
    ['a last tier with a bound', [tier(100), tier(200)], ['t[1].up_to']],
    ['an open tier before the last', [tier(null), tier(null)], ['t[0].up_to']],
    ['equal bounds', [tier(100), tier(100), tier(null)], ['t[1].up_to']],
    ['descending bounds', [tier(100), tier(50), tier(null)], ['t[1].up_to']],
    ['a zero bound', [tier(0), tier(null)], ['t[0].up_to']],
    ['a fractional bound', [tier(1.5), tier(null)], ['t[0].up_to']],
    ['a bad unit amount', [tier(10, '-1'), tier(null, 'abc')], ['t[0].unit_amount', 't[1].unit_amount']],
    ['a negative flat amount', [tier(10, '1', -1), tier(null)], ['t[0].flat_amount']],
    ['a fractional flat amount', [tier(null, '1', 0.5)], ['t[0].flat_amount']],
    ['a missing unit amount', [{ upTo: null }], ['t[0].unit_amount']],
  ])('refuses %s', (_, tiers, fields) => {
    expect(errorsOf((errors) => checkTiers(tiers, 't', errors))).toEqual(fields);
  });

  it('refuses more than 100 tiers', () => {
    const tiers = [...Array.from({ length: 100 }, (_, i) => tier(i + 1)), tier(null)];
    expect(errorsOf((errors) => checkTiers(tiers, 't', errors))).toEqual(['t']);
  });
});

describe(checkChargePrice.name, () => {
  const tiers = [
    { upTo: 10, unitAmount: '1' },
    { upTo: null, unitAmount: '0.5' },
  ];

  it.each<[ChargeModel, ChargePriceInput]>([
    ['per_unit', { currency: 'USD', unitAmount: '0.05' }],
    ['graduated', { currency: 'USD', tiers }],
    ['volume', { currency: 'USD', tiers }],
    ['package', { currency: 'USD', packageSize: 1000, packageAmount: 500 }],
    ['package', { currency: 'USD', packageSize: 1, packageAmount: 0 }],
  ])('accepts a %s price %j', (model, input) => {
    expect(errorsOf((errors) => checkChargePrice(model, input, 'p', errors))).toEqual([]);
  });

  it.each<[string, ChargeModel, ChargePriceInput, string[]]>([
    ['per_unit without unit_amount', 'per_unit', { currency: 'USD' }, ['p.unit_amount']],
    ['per_unit with a bad unit_amount', 'per_unit', { currency: 'USD', unitAmount: '0.1234567890123' }, ['p.unit_amount']],
    ['per_unit with tiers', 'per_unit', { currency: 'USD', unitAmount: '1', tiers }, ['p.tiers']],
    ['graduated without tiers', 'graduated', { currency: 'USD' }, ['p.tiers']],
    ['volume with unit_amount', 'volume', { currency: 'USD', tiers, unitAmount: '1' }, ['p.unit_amount']],
    ['package without fields', 'package', { currency: 'USD' }, ['p.package_size', 'p.package_amount']],
    ['package of size 0', 'package', { currency: 'USD', packageSize: 0, packageAmount: 1 }, ['p.package_size']],
    ['package of fractional size', 'package', { currency: 'USD', packageSize: 2.5, packageAmount: 1 }, ['p.package_size']],
    ['package of negative amount', 'package', { currency: 'USD', packageSize: 10, packageAmount: -1 }, ['p.package_amount']],
    ['package with unit_amount', 'package', { currency: 'USD', packageSize: 10, packageAmount: 1, unitAmount: '1' }, ['p.unit_amount']],
  ])('refuses %s', (_, model, input, fields) => {
    expect(errorsOf((errors) => checkChargePrice(model, input, 'p', errors))).toEqual(fields);
  });
});

describe(checkChargePrices.name, () => {
  it('accepts one price per supported currency', () => {
    const prices = [
      { currency: 'USD', unitAmount: '1' },
      { currency: 'JPY', unitAmount: '0.1' },
    ];
    expect(errorsOf((errors) => checkChargePrices('per_unit', prices, 'c.prices', errors))).toEqual([]);
  });

  it.each<[string, ChargePriceInput[] | undefined, string[]]>([
    ['no prices', [], ['c.prices']],
    ['a missing list', undefined, ['c.prices']],
    [
      'a currency twice',
      [
        { currency: 'USD', unitAmount: '1' },
        { currency: 'USD', unitAmount: '2' },
      ],
      ['c.prices[1].currency'],
    ],
    ['an unknown currency', [{ currency: 'XYZ', unitAmount: '1' }], ['c.prices[0].currency']],
    ['a metal', [{ currency: 'XAU', unitAmount: '1' }], ['c.prices[0].currency']],
    ['a lower-case currency', [{ currency: 'usd', unitAmount: '1' }], ['c.prices[0].currency']],
  ])('refuses %s', (_, prices, fields) => {
    expect(errorsOf((errors) => checkChargePrices('per_unit', prices, 'c.prices', errors))).toEqual(fields);
  });
});

describe(toChargePriceView.name, () => {
  it.each([
    [
      { currency: 'USD', unitAmount: '0.05' },
      { currency: 'USD', unit_amount: '0.05' },
    ],
    [
      {
        currency: 'EUR',
        tiers: [
          { upTo: 5, unitAmount: '1', flatAmount: 10 },
          { upTo: null, unitAmount: '0', flatAmount: 0 },
        ],
      },
      {
        currency: 'EUR',
        tiers: [
          { up_to: 5, unit_amount: '1', flat_amount: 10 },
          { up_to: null, unit_amount: '0', flat_amount: 0 },
        ],
      },
    ],
    [
      { currency: 'JPY', packageSize: 100, packageAmount: 50 },
      { currency: 'JPY', package_size: 100, package_amount: 50 },
    ],
  ])('spells %j as the API does, and back', (price, view) => {
    expect(toChargePriceView(price)).toEqual(view);
    expect(fromChargePriceView(view)).toEqual(price);
  });
});

describe(chargePriceIn.name, () => {
  it('finds the price in a currency, or none', () => {
    const charge = {
      id: 'chg_1',
      metricId: 'bm_1',
      metricCode: 'calls',
      model: 'package' as const,
      prices: [{ currency: 'USD', packageSize: 10, packageAmount: 100 }],
    };
    expect(chargePriceIn(charge, 'USD')?.packageSize).toBe(10);
    expect(chargePriceIn(charge, 'EUR')).toBeUndefined();
  });
});
