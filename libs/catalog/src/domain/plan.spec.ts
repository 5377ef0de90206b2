import { FieldErrors } from './catalog-rules';
import { PlanInUse } from './catalog.errors';
import {
  buildCharges,
  ChargeInput,
  checkChargeCurrencies,
  checkPlanPrices,
  checkSchedule,
  CreatePlanInput,
  Interval,
  MetricsByCode,
  Plan,
  PlanPrice,
} from './plan';

const metrics: MetricsByCode = new Map([
  ['api_calls', { id: 'bm_calls', code: 'api_calls' }],
  ['storage', { id: 'bm_storage', code: 'storage' }],
]);
const now = new Date('2026-03-01T12:00:00Z');
const later = new Date('2026-03-02T12:00:00Z');

function fieldsOf(run: (errors: FieldErrors) => unknown): string[] {
  const errors = new FieldErrors();
  run(errors);
  return errors.list.map((error) => error.field);
}

function fieldsThrownBy(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return ((error as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  }
  throw new Error('expected a validation error');
}

const perUnit = (metricCode: string, ...currencies: string[]): ChargeInput => ({
  metricCode,
  model: 'per_unit',
  prices: currencies.map((currency) => ({ currency, unitAmount: '0.5' })),
});

const basePlan: CreatePlanInput = {
  code: 'pro',
  name: 'Pro',
  interval: 'month',
  prices: [
    { currency: 'USD', amount: 2900 },
    { currency: 'EUR', amount: 2700 },
  ],
  charges: [perUnit('api_calls', 'USD', 'EUR')],
};

describe(checkSchedule.name, () => {
  it.each<[Interval, number, number]>([
    ['day', 1, 0],
    ['day', 365, 730],
    ['week', 156, 0],
    ['month', 36, 14],
    ['year', 3, 0],
  ])('accepts every %s × %i with %i trial days', (interval, count, trialDays) => {
    expect(fieldsOf((errors) => checkSchedule(errors, interval, count, trialDays))).toEqual([]);
  });

  it.each<[Interval, number, number, string[]]>([
    ['day', 366, 0, ['interval_count']],
    ['week', 157, 0, ['interval_count']],
    ['month', 37, 0, ['interval_count']],
    ['year', 4, 0, ['interval_count']],
    ['month', 0, 0, ['interval_count']],
    ['month', 1.5, 0, ['interval_count']],
    ['month', 1, -1, ['trial_days']],
    ['month', 1, 731, ['trial_days']],
    ['fortnight' as Interval, 1, 0, ['interval']],
  ])('refuses %s × %i with %i trial days', (interval, count, trialDays, fields) => {
    expect(fieldsOf((errors) => checkSchedule(errors, interval, count, trialDays))).toEqual(fields);
  });
});

describe(checkPlanPrices.name, () => {
  it('sorts the prices by currency', () => {
    const errors = new FieldErrors();
    expect(
      checkPlanPrices(errors, [
        { currency: 'USD', amount: 1 },
        { currency: 'EUR', amount: 0 },
        { currency: 'JPY', amount: 1200 },
      ]),
    ).toEqual([
      { currency: 'EUR', amount: 0 },
      { currency: 'JPY', amount: 1200 },
      { currency: 'USD', amount: 1 },
    ]);
    expect(errors.list).toEqual([]);
  });

  it.each<[string, PlanPrice[] | undefined, string[]]>([
    ['no price', [], ['prices']],
    ['a missing list', undefined, ['prices']],
    [
      'a currency twice',
      [
        { currency: 'USD', amount: 1 },
        { currency: 'USD', amount: 2 },
      ],
      ['prices[1].currency'],
    ],
    [
      'an unknown currency',
      [
        { currency: 'EUR', amount: 1 },
        { currency: 'ABC', amount: 2 },
      ],
      ['prices[1].currency'],
    ],
    ['a negative amount', [{ currency: 'USD', amount: -1 }], ['prices[0].amount']],
    ['a fractional amount', [{ currency: 'USD', amount: 9.99 }], ['prices[0].amount']],
    ['an unsafe amount', [{ currency: 'USD', amount: 2 ** 53 }], ['prices[0].amount']],
  ])('refuses %s', (_, prices, fields) => {
    expect(fieldsOf((errors) => checkPlanPrices(errors, prices))).toEqual(fields);
  });
});

describe(buildCharges.name, () => {
  it('resolves metric codes and keeps the id of an existing charge on the same metric', () => {
    const errors = new FieldErrors();
    const [first] = buildCharges(errors, [perUnit('api_calls', 'USD')], metrics, []);
    const [again, other] = buildCharges(errors, [perUnit('api_calls', 'USD'), perUnit('storage', 'USD')], metrics, [first!]);
    expect(errors.list).toEqual([]);
    expect(first).toMatchObject({ metricId: 'bm_calls', metricCode: 'api_calls', model: 'per_unit' });
    expect(first!.id).toMatch(/^chg_/);
    expect(again!.id).toBe(first!.id);
    expect(other!.id).not.toBe(first!.id);
  });

  it.each<[string, ChargeInput[], string[]]>([
    ['an unknown metric', [perUnit('nope', 'USD')], ['charges[0].metric_code']],
    ['a metric charged twice', [perUnit('api_calls', 'USD'), perUnit('api_calls', 'USD')], ['charges[1].metric_code']],
    ['an unknown model', [{ metricCode: 'storage', model: 'flat' as never, prices: [] }], ['charges[0].model']],
    ['a charge without prices', [{ metricCode: 'storage', model: 'per_unit', prices: [] }], ['charges[0].prices']],
    [
      'a bad tier deep down',
      [
        perUnit('api_calls', 'USD'),
        {
          metricCode: 'storage',
          model: 'graduated',
          prices: [
            {
              currency: 'USD',
              tiers: [
                { upTo: 10, unitAmount: '1' },
                { upTo: 5, unitAmount: '1' },
                { upTo: null, unitAmount: '1' },
              ],
            },
          ],
        },
      ],
      ['charges[1].prices[0].tiers[1].up_to'],
    ],
  ])('refuses %s', (_, inputs, fields) => {
    expect(fieldsOf((errors) => buildCharges(errors, inputs, metrics, []))).toEqual(fields);
  });
});

describe(checkChargeCurrencies.name, () => {
  const prices = [
    { currency: 'EUR', amount: 1 },
    { currency: 'USD', amount: 1 },
  ];
  const charges = (...currencies: string[]) => buildCharges(new FieldErrors(), [perUnit('api_calls', ...currencies)], metrics, []);

  it.each<[string, string[], boolean, string[]]>([
    ['the same currencies', ['USD', 'EUR'], true, []],
    ['a missing currency, charges given', ['USD'], true, ['charges[0].prices']],
    ['an extra currency, charges given', ['USD', 'EUR', 'GBP'], true, ['charges[0].prices[2].currency']],
    ['a missing currency, prices given', ['USD'], false, ['prices']],
    ['an extra currency, prices given', ['USD', 'EUR', 'GBP'], false, ['prices']],
  ])('with %s: %j', (_, currencies, chargesGiven, fields) => {
    expect(fieldsOf((errors) => checkChargeCurrencies(errors, charges(...currencies), prices, chargesGiven))).toEqual(fields);
  });
});

describe(Plan.name, () => {
  it('creates a plan with the documented defaults and raises plan.created with its state', () => {
    const plan = Plan.create(basePlan, metrics, now);
    expect(plan.snapshot()).toMatchObject({
      code: 'pro',
      description: null,
      interval: 'month',
      intervalCount: 1,
      trialDays: 0,
      metadata: {},
      createdAt: now,
      updatedAt: now,
    });
    expect(plan.snapshot().prices).toEqual([
      { currency: 'EUR', amount: 2700 },
      { currency: 'USD', amount: 2900 },
    ]);
    expect(plan.snapshot().charges.map((charge) => [charge.metricId, charge.metricCode, charge.model])).toEqual([
      ['bm_calls', 'api_calls', 'per_unit'],
    ]);
    expect(plan.id).toMatch(/^plan_/);
    expect(plan.inUse).toBe(false);
    expect(plan.pullEvents()).toEqual([{ type: 'plan.created', state: plan.snapshot(), at: now }]);
  });

  it('answers its price and charges by currency and metric', () => {
    const plan = Plan.create(basePlan, metrics, now);
    expect(plan.priceIn('USD')).toBe(2900);
    expect(plan.priceIn('GBP')).toBeUndefined();
    expect(plan.currencies).toEqual(['EUR', 'USD']);
    expect(plan.chargeFor('api_calls')?.metricId).toBe('bm_calls');
    expect(plan.chargeFor('storage')).toBeUndefined();
  });

  it('names every failing field at once', () => {
    const fields = fieldsThrownBy(() =>
      Plan.create(
        {
          code: 'Bad Code',
          name: '',
          interval: 'week',
          intervalCount: 200,
          trialDays: 1000,
          prices: [
            { currency: 'USD', amount: 1 },
            { currency: 'USD', amount: 2 },
          ],
          charges: [perUnit('unknown', 'USD')],
          metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
        },
        metrics,
        now,
      ),
    );
    expect(fields).toEqual(['code', 'name', 'interval_count', 'trial_days', 'metadata', 'prices[1].currency', 'charges[0].metric_code']);
  });

  describe('update', () => {
    it('changes name, description and metadata and raises plan.updated', () => {
      const plan = Plan.create(basePlan, metrics, now);
      plan.pullEvents();
      const changes = plan.update({ name: 'Pro 2', description: 'New', metadata: { a: 'b' } }, metrics, later);
      expect(changes).toEqual({ details: true, prices: false, charges: false });
      expect(plan.snapshot()).toMatchObject({ name: 'Pro 2', description: 'New', metadata: { a: 'b' }, updatedAt: later });
      expect(plan.pullEvents()).toEqual([expect.objectContaining({ type: 'plan.updated' })]);
    });

    it('does not take reordered metadata keys for a change', () => {
      const plan = Plan.create({ ...basePlan, metadata: { a: '1', b: '2' } }, metrics, now);
      expect(plan.update({ metadata: { b: '2', a: '1' } }, metrics, later).details).toBe(false);
      expect(plan.update({ metadata: { b: '2' } }, metrics, later).details).toBe(true);
    });

    it('clears the description with null', () => {
      const plan = Plan.create({ ...basePlan, description: 'Old' }, metrics, now);
      plan.update({ description: null }, metrics, later);
      expect(plan.snapshot().description).toBeNull();
    });

    it('raises nothing for a patch that changes nothing', () => {
      const plan = Plan.create(basePlan, metrics, now);
      plan.pullEvents();
      expect(plan.update({ name: 'Pro', prices: [...basePlan.prices].reverse() }, metrics, later)).toEqual({
        details: false,
        prices: false,
        charges: false,
      });
      expect(plan.pullEvents()).toEqual([]);
      expect(plan.snapshot().updatedAt).toEqual(now);
    });

    it('replaces prices and charges while not in use, keeping the charge id of a metric', () => {
      const plan = Plan.create(basePlan, metrics, now);
      const chargeId = plan.charges[0].id;
      const changes = plan.update(
        { prices: [{ currency: 'USD', amount: 3900 }], charges: [perUnit('storage', 'USD'), perUnit('api_calls', 'USD')] },
        metrics,
        later,
      );
      expect(changes).toEqual({ details: false, prices: true, charges: true });
      expect(plan.prices).toEqual([{ currency: 'USD', amount: 3900 }]);
      expect(plan.charges.map((charge) => charge.metricCode)).toEqual(['storage', 'api_calls']);
      expect(plan.charges[1].id).toBe(chargeId);
    });

    it('refuses a price patch that leaves a charge without the new currency', () => {
      const plan = Plan.create(basePlan, metrics, now);
      expect(fieldsThrownBy(() => plan.update({ prices: [{ currency: 'GBP', amount: 1 }] }, metrics, later))).toEqual(['prices']);
    });

    it.each([
      [
        'prices',
        {
          prices: [
            { currency: 'USD', amount: 1 },
            { currency: 'EUR', amount: 1 },
          ],
        },
      ],
      ['charges', { charges: [] }],
    ])('refuses to change %s once in use with plan_in_use', (_, patch) => {
      const plan = Plan.restore({ ...Plan.create(basePlan, metrics, now).snapshot(), inUse: true });
      expect(() => plan.update(patch, metrics, later)).toThrow(PlanInUse);
      expect(() => plan.update(patch, metrics, later)).toThrow(expect.objectContaining({ kind: 'conflict', code: 'plan_in_use' }));
    });

    it('accepts the same prices and charges, and details, once in use', () => {
      const created = Plan.create(basePlan, metrics, now);
      const plan = Plan.restore({ ...created.snapshot(), inUse: true });
      const changes = plan.update({ name: 'Renamed', prices: basePlan.prices, charges: basePlan.charges }, metrics, later);
      expect(changes).toEqual({ details: true, prices: false, charges: false });
    });
  });
});
