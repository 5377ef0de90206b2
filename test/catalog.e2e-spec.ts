import { Plans } from '@billing/catalog';
import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';

describe('Catalog API', () => {
  let platform: TestPlatform;
  const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

  beforeAll(async () => {
    platform = await startTestPlatform();
    for (const [code, aggregation, field] of [
      ['api_calls', 'count', undefined],
      ['storage_gb', 'max', 'gb'],
      ['bandwidth', 'sum', undefined],
      ['seats', 'unique_count', 'user_id'],
    ] as const) {
      const response = await createMetric({ code, name: code, aggregation, field });
      expect(response.status).toBe(201);
    }
  });
  afterAll(() => platform.close());

  const createMetric = (body: object, headers: Record<string, string> = auth) =>
    request(platform.http).post('/v1/metrics').set(headers).send(body);
  const createPlan = (body: object, headers: Record<string, string> = auth) =>
    request(platform.http).post('/v1/plans').set(headers).send(body);
  const patchPlan = (id: string, body: object, headers: Record<string, string> = auth) =>
    request(platform.http).patch(`/v1/plans/${id}`).set(headers).send(body);
  const get = (path: string, headers: Record<string, string> = auth) => request(platform.http).get(path).set(headers);
  /** The fields named by a 422, once each (a field may fail several constraints). */
  const fields = (response: request.Response): string[] => [
    ...new Set<string>((response.body.errors ?? []).map((error: { field: string }) => error.field)),
  ];

  let planSeq = 0;
  /** A valid plan body: a monthly USD fee and a per-unit charge on api_calls. */
  const planBody = (overrides: object = {}) => ({
    code: `plan_${++planSeq}`,
    name: 'Pro',
    interval: 'month',
    prices: [{ currency: 'USD', amount: 2900 }],
    charges: [{ metric_code: 'api_calls', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '0.05' }] }],
    ...overrides,
  });

  it('answers 422 naming the field for arrays where objects belong (prices, charges), on create and on update', async () => {
    const created = await createPlan(planBody({ charges: [[]] }));
    expect([created.status, fields(created)]).toEqual([422, ['charges']]);
    const update = await patchPlan('plan_unknown', { prices: [[[]]] });
    expect([update.status, fields(update)]).toEqual([422, ['prices']]);
  });

  describe('metrics', () => {
    it('creates a metric and reads it by id and by code', async () => {
      const response = await createMetric({ code: 'events.sent', name: 'Events sent', aggregation: 'sum', field: 'count' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^bm_[0-9A-Za-z]{22}$/),
        object: 'metric',
        code: 'events.sent',
        name: 'Events sent',
        aggregation: 'sum',
        field: 'count',
        created_at: expect.any(String),
      });
      expect((await get(`/v1/metrics/${response.body.id}`)).body).toEqual(response.body);
      expect((await get('/v1/metrics/events.sent')).body).toEqual(response.body);
    });

    it('defaults field to null (the event value) for sum, max and latest', async () => {
      const response = await createMetric({ code: 'cpu_latest', name: 'CPU', aggregation: 'latest' });
      expect(response.status).toBe(201);
      expect(response.body.field).toBeNull();
    });

    it('lists metrics newest first in the list envelope', async () => {
      const response = await get('/v1/metrics?limit=2');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
      expect(response.body.data).toHaveLength(2);
      expect(response.body.data[0].code).toBe('cpu_latest');
    });

    it('answers 409 metric_code_taken for a code in use', async () => {
      const response = await createMetric({ code: 'api_calls', name: 'Again', aggregation: 'count' });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'metric_code_taken', status: 409 });
    });

    it.each([
      ['a field on count', { aggregation: 'count', field: 'x' }, 'field'],
      ['no field on unique_count', { aggregation: 'unique_count' }, 'field'],
      ['an unknown aggregation', { aggregation: 'avg' }, 'aggregation'],
      ['an upper-case code', { aggregation: 'count', code: 'API_CALLS' }, 'code'],
      ['a code with a slash', { aggregation: 'count', code: 'a/b' }, 'code'],
    ])('answers 422 for %s, naming %s', async (_, body, field) => {
      const response = await createMetric({ code: 'fresh_metric', name: 'Fresh', ...body });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('validation_failed');
      expect(fields(response)).toEqual([field]);
    });

    it('answers 404 for an unknown metric', async () => {
      expect((await get('/v1/metrics/bm_unknown')).status).toBe(404);
    });
  });

  describe('plans', () => {
    it('creates a plan with the four charge models and reads it by id and by code', async () => {
      const body = {
        code: 'scale_monthly',
        name: 'Scale',
        description: 'For scale-ups',
        interval: 'month',
        interval_count: 3,
        trial_days: 14,
        prices: [
          { currency: 'USD', amount: 9900 },
          { currency: 'EUR', amount: 8900 },
        ],
        charges: [
          {
            metric_code: 'api_calls',
            model: 'graduated',
            prices: [
              {
                currency: 'USD',
                tiers: [
                  { up_to: 100, unit_amount: '0' },
                  { up_to: 1000, unit_amount: '0.5' },
                  { up_to: null, unit_amount: '0.2', flat_amount: 100 },
                ],
              },
              { currency: 'EUR', tiers: [{ up_to: null, unit_amount: '0.4' }] },
            ],
          },
          {
            metric_code: 'bandwidth',
            model: 'volume',
            prices: [
              {
                currency: 'USD',
                tiers: [
                  { up_to: 10, unit_amount: '3', flat_amount: 0 },
                  { up_to: null, unit_amount: '1.5' },
                ],
              },
              { currency: 'EUR', tiers: [{ up_to: null, unit_amount: '2.75' }] },
            ],
          },
          {
            metric_code: 'storage_gb',
            model: 'package',
            prices: [
              { currency: 'USD', package_size: 100, package_amount: 500 },
              { currency: 'EUR', package_size: 100, package_amount: 450 },
            ],
          },
          {
            metric_code: 'seats',
            model: 'per_unit',
            prices: [
              { currency: 'USD', unit_amount: '0.000000000001' },
              { currency: 'EUR', unit_amount: '1200' },
            ],
          },
        ],
        metadata: { tier: 'scale' },
      };
      const response = await createPlan(body);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^plan_[0-9A-Za-z]{22}$/),
        object: 'plan',
        code: 'scale_monthly',
        name: 'Scale',
        description: 'For scale-ups',
        interval: 'month',
        interval_count: 3,
        trial_days: 14,
        prices: [
          { currency: 'EUR', amount: 8900 },
          { currency: 'USD', amount: 9900 },
        ],
        charges: [
          {
            id: expect.stringMatching(/^chg_/),
            metric_id: expect.stringMatching(/^bm_/),
            metric_code: 'api_calls',
            model: 'graduated',
            prices: [
              {
                currency: 'USD',
                tiers: [
                  { up_to: 100, unit_amount: '0', flat_amount: 0 },
                  { up_to: 1000, unit_amount: '0.5', flat_amount: 0 },
                  { up_to: null, unit_amount: '0.2', flat_amount: 100 },
                ],
              },
              { currency: 'EUR', tiers: [{ up_to: null, unit_amount: '0.4', flat_amount: 0 }] },
            ],
          },
          expect.objectContaining({ metric_code: 'bandwidth', model: 'volume' }),
          expect.objectContaining({
            metric_code: 'storage_gb',
            model: 'package',
            prices: [
              { currency: 'USD', package_size: 100, package_amount: 500 },
              { currency: 'EUR', package_size: 100, package_amount: 450 },
            ],
          }),
          expect.objectContaining({
            metric_code: 'seats',
            model: 'per_unit',
            prices: [
              { currency: 'USD', unit_amount: '0.000000000001' },
              { currency: 'EUR', unit_amount: '1200' },
            ],
          }),
        ],
        metadata: { tier: 'scale' },
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const byId = await get(`/v1/plans/${response.body.id}`);
      expect(byId.status).toBe(200);
      expect(byId.body).toEqual(response.body);
      expect((await get('/v1/plans/scale_monthly')).body).toEqual(response.body);
    });

    it('applies the documented defaults', async () => {
      const response = await createPlan(planBody({ charges: undefined }));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ interval_count: 1, trial_days: 0, description: null, charges: [], metadata: {} });
    });

    it('lists plans newest first, with their prices and charges, page by page', async () => {
      const created = [];
      for (let i = 0; i < 3; i++) created.push((await createPlan(planBody({ name: `Listed ${i}` }))).body);
      const first = await get('/v1/plans?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.data).toEqual([created[2], created[1]]);
      expect(first.body.has_more).toBe(true);
      const second = await get(`/v1/plans?limit=2&cursor=${first.body.next_cursor}`);
      expect(second.body.data[0]).toEqual(created[0]);
    });

    it('answers 409 plan_code_taken for a code in use', async () => {
      await createPlan(planBody({ code: 'taken' }));
      const response = await createPlan(planBody({ code: 'taken' }));
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'plan_code_taken', status: 409 });
    });

    it('answers 404 for an unknown plan', async () => {
      expect((await get('/v1/plans/plan_unknown')).status).toBe(404);
      expect((await patchPlan('plan_unknown', { name: 'x' })).status).toBe(404);
    });

    const perUnit = (prices: object[]) => [{ metric_code: 'api_calls', model: 'per_unit', prices }];
    const tiered = (model: string, tiers: object[]) => [{ metric_code: 'api_calls', model, prices: [{ currency: 'USD', tiers }] }];

    it.each<[string, object, string[]]>([
      ['no prices', { prices: [] }, ['prices']],
      [
        'a currency priced twice',
        {
          prices: [
            { currency: 'USD', amount: 1 },
            { currency: 'USD', amount: 2 },
          ],
        },
        ['prices[1].currency'],
      ],
      ['an unknown currency', { prices: [{ currency: 'XYZ', amount: 1 }], charges: [] }, ['prices[0].currency']],
      ['a lower-case currency', { prices: [{ currency: 'usd', amount: 1 }] }, ['prices[0].currency']],
      ['a negative amount', { prices: [{ currency: 'USD', amount: -1 }] }, ['prices[0].amount']],
      ['a fractional amount', { prices: [{ currency: 'USD', amount: 29.99 }] }, ['prices[0].amount']],
      ['an amount as a string', { prices: [{ currency: 'USD', amount: '2900' }] }, ['prices[0].amount']],
      ['an unknown interval', { interval: 'fortnight' }, ['interval']],
      ['37 months', { interval_count: 37 }, ['interval_count']],
      ['4 years', { interval: 'year', interval_count: 4 }, ['interval_count']],
      ['0 intervals', { interval_count: 0 }, ['interval_count']],
      ['731 trial days', { trial_days: 731 }, ['trial_days']],
      ['a code with upper case', { code: 'Pro' }, ['code']],
      ['51 metadata keys', { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }, ['metadata']],
      [
        'an unknown metric',
        { charges: [{ metric_code: 'nope', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '1' }] }] },
        ['charges[0].metric_code'],
      ],
      [
        'a metric charged twice',
        { charges: [...perUnit([{ currency: 'USD', unit_amount: '1' }]), ...perUnit([{ currency: 'USD', unit_amount: '2' }])] },
        ['charges[1].metric_code'],
      ],
      [
        'an unknown model',
        { charges: [{ metric_code: 'api_calls', model: 'flat', prices: [{ currency: 'USD', unit_amount: '1' }] }] },
        ['charges[0].model'],
      ],
      ['a charge without prices', { charges: perUnit([]) }, ['charges[0].prices']],
      [
        'a charge missing a plan currency',
        {
          prices: [
            { currency: 'USD', amount: 1 },
            { currency: 'EUR', amount: 1 },
          ],
        },
        ['charges[0].prices'],
      ],
      [
        'a charge in a currency the plan lacks',
        {
          charges: perUnit([
            { currency: 'USD', unit_amount: '1' },
            { currency: 'EUR', unit_amount: '1' },
          ]),
        },
        ['charges[0].prices[1].currency'],
      ],
      [
        'a charge priced twice in a currency',
        {
          charges: perUnit([
            { currency: 'USD', unit_amount: '1' },
            { currency: 'USD', unit_amount: '1' },
          ]),
        },
        ['charges[0].prices[1].currency'],
      ],
      ['a lower-case charge currency', { charges: perUnit([{ currency: 'usd', unit_amount: '1' }]) }, ['charges[0].prices[0].currency']],
      ['a per_unit price without unit_amount', { charges: perUnit([{ currency: 'USD' }]) }, ['charges[0].prices[0].unit_amount']],
      [
        'a unit_amount with 13 decimals',
        { charges: perUnit([{ currency: 'USD', unit_amount: '0.0000000000001' }]) },
        ['charges[0].prices[0].unit_amount'],
      ],
      ['a negative unit_amount', { charges: perUnit([{ currency: 'USD', unit_amount: '-0.5' }]) }, ['charges[0].prices[0].unit_amount']],
      ['a unit_amount as a number', { charges: perUnit([{ currency: 'USD', unit_amount: 0.05 }]) }, ['charges[0].prices[0].unit_amount']],
      [
        'tiers on a per_unit price',
        { charges: perUnit([{ currency: 'USD', unit_amount: '1', tiers: [] }]) },
        ['charges[0].prices[0].tiers'],
      ],
      [
        'a graduated price without tiers',
        { charges: [{ metric_code: 'api_calls', model: 'graduated', prices: [{ currency: 'USD' }] }] },
        ['charges[0].prices[0].tiers'],
      ],
      [
        'tiers out of order',
        {
          charges: tiered('graduated', [
            { up_to: 100, unit_amount: '1' },
            { up_to: 1000, unit_amount: '1' },
            { up_to: 500, unit_amount: '1' },
            { up_to: null, unit_amount: '1' },
          ]),
        },
        ['charges[0].prices[0].tiers[2].up_to'],
      ],
      [
        'a last tier with a bound',
        {
          charges: tiered('volume', [
            { up_to: 100, unit_amount: '1' },
            { up_to: 200, unit_amount: '1' },
          ]),
        },
        ['charges[0].prices[0].tiers[1].up_to'],
      ],
      [
        'an open tier before the last',
        {
          charges: tiered('volume', [
            { up_to: null, unit_amount: '1' },
            { up_to: null, unit_amount: '1' },
          ]),
        },
        ['charges[0].prices[0].tiers[0].up_to'],
      ],
      ['a tier without up_to', { charges: tiered('graduated', [{ unit_amount: '1' }]) }, ['charges[0].prices[0].tiers[0].up_to']],
      [
        'a zero up_to',
        {
          charges: tiered('graduated', [
            { up_to: 0, unit_amount: '1' },
            { up_to: null, unit_amount: '1' },
          ]),
        },
        ['charges[0].prices[0].tiers[0].up_to'],
      ],
      [
        'a negative flat_amount',
        { charges: tiered('graduated', [{ up_to: null, unit_amount: '1', flat_amount: -5 }]) },
        ['charges[0].prices[0].tiers[0].flat_amount'],
      ],
      [
        'an unknown tier field',
        { charges: tiered('graduated', [{ up_to: null, unit_amount: '1', price: 1 }]) },
        ['charges[0].prices[0].tiers[0].price'],
      ],
      [
        'a package of size 0',
        { charges: [{ metric_code: 'api_calls', model: 'package', prices: [{ currency: 'USD', package_size: 0, package_amount: 1 }] }] },
        ['charges[0].prices[0].package_size'],
      ],
      [
        'a package without an amount',
        { charges: [{ metric_code: 'api_calls', model: 'package', prices: [{ currency: 'USD', package_size: 10 }] }] },
        ['charges[0].prices[0].package_amount'],
      ],
    ])('answers 422 for %s, naming %j', async (_, overrides, expected) => {
      const response = await createPlan(planBody(overrides));
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('validation_failed');
      expect(fields(response)).toEqual(expected);
    });

    it('stores nothing when it refuses a plan', async () => {
      await createPlan(planBody({ code: 'refused', prices: [] }));
      expect((await get('/v1/plans/refused')).status).toBe(404);
    });
  });

  describe('PATCH /v1/plans/{id}', () => {
    it('changes name, description and metadata, and keeps the rest', async () => {
      const { body: plan } = await createPlan(planBody({ description: 'Before' }));
      const response = await patchPlan(plan.id, { name: 'Renamed', description: null, metadata: { a: '1' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...plan, name: 'Renamed', description: null, metadata: { a: '1' }, updated_at: expect.any(String) });
    });

    it('refuses a null name', async () => {
      const { body: plan } = await createPlan(planBody());
      const response = await patchPlan(plan.id, { name: null });
      expect(response.status).toBe(422);
      expect(fields(response)).toEqual(['name']);
    });

    it('replaces prices and charges while no subscription uses the plan, then answers 409 plan_in_use', async () => {
      const { body: plan } = await createPlan(planBody());
      const newTerms = {
        prices: [
          { currency: 'USD', amount: 3900 },
          { currency: 'EUR', amount: 3500 },
        ],
        charges: [
          {
            metric_code: 'api_calls',
            model: 'per_unit',
            prices: [
              { currency: 'USD', unit_amount: '0.04' },
              { currency: 'EUR', unit_amount: '0.03' },
            ],
          },
          {
            metric_code: 'storage_gb',
            model: 'package',
            prices: [
              { currency: 'USD', package_size: 1, package_amount: 10 },
              { currency: 'EUR', package_size: 1, package_amount: 9 },
            ],
          },
        ],
      };
      const changed = await patchPlan(plan.id, newTerms);
      expect(changed.status).toBe(200);
      expect(changed.body.prices).toEqual([
        { currency: 'EUR', amount: 3500 },
        { currency: 'USD', amount: 3900 },
      ]);
      expect(changed.body.charges.map((charge: { metric_code: string }) => charge.metric_code)).toEqual(['api_calls', 'storage_gb']);
      expect(changed.body.charges[0].id).toBe(plan.charges[0].id);
      expect((await get(`/v1/plans/${plan.id}`)).body).toEqual(changed.body);

      // A subscription starts using the plan (what the subscriptions lib does in its create transaction).
      const dataSource = platform.api.get(DataSource);
      const used = await dataSource.transaction((manager) => Plans.use(manager, plan.code));
      expect(used.inUse).toBe(true);
      expect(used.priceIn('EUR')).toBe(3500);

      const refused = await patchPlan(plan.id, {
        prices: [
          { currency: 'USD', amount: 100 },
          { currency: 'EUR', amount: 100 },
        ],
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'plan_in_use', status: 409 });
      const refusedCharges = await patchPlan(plan.id, { charges: [] });
      expect(refusedCharges.status).toBe(409);
      expect((await get(`/v1/plans/${plan.id}`)).body.prices).toEqual(changed.body.prices);

      // Details still change, and sending the current terms back is not a change.
      const renamed = await patchPlan(plan.id, { name: 'Still editable', ...newTerms });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('Still editable');
    });

    it('lets concurrent first subscriptions use a plan without deadlocking, and then freezes it', async () => {
      const { body: plan } = await createPlan(planBody());
      const dataSource = platform.api.get(DataSource);
      const used = await Promise.all(Array.from({ length: 4 }, () => dataSource.transaction((manager) => Plans.use(manager, plan.id))));
      expect(used.map((p) => p.priceIn('USD'))).toEqual([2900, 2900, 2900, 2900]);
      expect((await patchPlan(plan.id, { prices: [{ currency: 'USD', amount: 1 }] })).status).toBe(409);
    });

    it('refuses a price patch whose currencies the charges do not follow', async () => {
      const { body: plan } = await createPlan(planBody());
      const response = await patchPlan(plan.id, { prices: [{ currency: 'GBP', amount: 100 }] });
      expect(response.status).toBe(422);
      expect(fields(response)).toEqual(['prices']);
    });
  });

  describe('currencies', () => {
    // BILLING-RULES.md: at least these, with their ISO 4217 minor units; amounts are in minor units.
    const currencies: [string, number, number][] = [
      ['USD', 2, 2900],
      ['EUR', 2, 2700],
      ['GBP', 2, 2300],
      ['JPY', 0, 1200],
      ['CAD', 2, 3900],
      ['AUD', 2, 4400],
      ['CHF', 2, 2600],
      ['CNY', 2, 19900],
      ['SEK', 2, 29900],
      ['NOK', 2, 29900],
      ['DKK', 2, 19900],
      ['PLN', 2, 11900],
      ['INR', 2, 199900],
      ['BRL', 2, 14900],
      ['MXN', 2, 49900],
      ['SGD', 2, 3900],
      ['HKD', 2, 22900],
      ['NZD', 2, 4900],
      ['KRW', 0, 39000],
      ['ZAR', 2, 49900],
      ['KWD', 3, 12500],
      ['BHD', 3, 11000],
    ];

    it('prices a plan in all 22 currencies, in their minor units (JPY 1200 = ¥1,200; KWD 12500 = 12.500 KWD)', async () => {
      const response = await createPlan(
        planBody({
          code: 'global',
          prices: currencies.map(([currency, , amount]) => ({ currency, amount })),
          charges: [
            {
              metric_code: 'api_calls',
              model: 'per_unit',
              prices: currencies.map(([currency, digits]) => ({ currency, unit_amount: digits === 0 ? '0.01' : '0.5' })),
            },
          ],
        }),
      );
      expect(response.status).toBe(201);
      const fetched = await get('/v1/plans/global');
      const byCurrency = Object.fromEntries(
        fetched.body.prices.map((price: { currency: string; amount: number }) => [price.currency, price.amount]),
      );
      expect(byCurrency).toEqual(Object.fromEntries(currencies.map(([currency, , amount]) => [currency, amount])));
      expect(fetched.body.charges[0].prices).toHaveLength(22);

      const plan = (await Plans.find(platform.api.get(DataSource).manager, 'global'))!;
      expect(plan.priceIn('JPY')).toBe(1200);
      expect(plan.priceIn('KWD')).toBe(12500);
      expect(plan.priceIn('XAU')).toBeUndefined();
    });

    it.each(['XAU', 'XXX', 'XTS', 'ABC'])('refuses %s, which has no minor unit or is not ISO 4217', async (currency) => {
      const response = await createPlan(planBody({ prices: [{ currency, amount: 100 }], charges: [] }));
      expect(response.status).toBe(422);
      expect(fields(response)).toEqual(['prices[0].currency']);
    });
  });

  describe('access', () => {
    it('lets a finance_viewer and a support_rep read the catalog but not change it', async () => {
      const { body: plan } = await createPlan(planBody());
      for (const role of ['finance_viewer', 'support_rep'] as const) {
        const headers = await platform.keyFor(role);
        expect((await get('/v1/plans', headers)).status).toBe(200);
        expect((await get(`/v1/plans/${plan.id}`, headers)).status).toBe(200);
        expect((await get('/v1/metrics', headers)).status).toBe(200);
        expect((await get('/v1/metrics/api_calls', headers)).status).toBe(200);
        expect((await createPlan(planBody(), headers)).status).toBe(403);
        expect((await createMetric({ code: `m_${role}`, name: 'M', aggregation: 'count' }, headers)).status).toBe(403);
        expect((await patchPlan(plan.id, { name: 'No' }, headers)).status).toBe(403);
      }
    });

    it('lets a billing_admin change the catalog', async () => {
      const headers = await platform.keyFor('billing_admin');
      expect((await createPlan(planBody(), headers)).status).toBe(201);
      expect((await createMetric({ code: 'by_admin', name: 'M', aggregation: 'count' }, headers)).status).toBe(201);
    });

    it('refuses a request without credentials', async () => {
      expect((await request(platform.http).get('/v1/plans')).status).toBe(401);
    });
  });

  describe('events, audit and idempotency', () => {
    it('stores plan.created, plan.updated and metric.created with the object, and audit entries', async () => {
      const { body: plan } = await createPlan(planBody(), { ...auth, 'X-Request-Id': 'req-plan-1' });
      await patchPlan(plan.id, { name: 'Evented' });
      const created = await get('/v1/events?type=plan.created');
      expect(created.body.data.find((e: { data: { object: { id: string } } }) => e.data.object.id === plan.id)).toMatchObject({
        type: 'plan.created',
        data: { object: plan },
      });
      const updated = await get('/v1/events?type=plan.updated');
      expect(updated.body.data[0]).toMatchObject({ data: { object: { id: plan.id, name: 'Evented' } } });
      const metrics = await get('/v1/events?type=metric.created');
      expect(metrics.body.data.map((e: { data: { object: { code: string } } }) => e.data.object.code)).toContain('api_calls');

      const log = await get(`/v1/audit-log?resource_id=${plan.id}`);
      expect(log.body.data).toEqual([
        expect.objectContaining({
          action: 'update',
          resource_type: 'plan',
          before: expect.objectContaining({ name: 'Pro' }),
          after: expect.objectContaining({ name: 'Evented' }),
        }),
        expect.objectContaining({ action: 'create', resource_type: 'plan', request_id: 'req-plan-1', before: null }),
      ]);
    });

    it('records no event for a patch that changes nothing', async () => {
      const { body: plan } = await createPlan(planBody());
      await patchPlan(plan.id, { name: plan.name });
      const log = await get(`/v1/audit-log?resource_id=${plan.id}`);
      expect(log.body.data).toHaveLength(1);
    });

    it('replays a create sent twice with the same Idempotency-Key', async () => {
      const body = planBody();
      const first = await createPlan(body, { ...auth, 'Idempotency-Key': 'plan-key-1' });
      const second = await createPlan(body, { ...auth, 'Idempotency-Key': 'plan-key-1' });
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
    });
  });

  it('describes the catalog in the OpenAPI document', async () => {
    const document = (await request(platform.http).get('/docs-json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/metrics', '/v1/metrics/{id_or_code}', '/v1/plans', '/v1/plans/{id_or_code}']),
    );
    expect(document.paths['/v1/plans'].post.operationId).toBe('createPlan');
    expect(document.paths['/v1/plans/{id_or_code}'].patch.operationId).toBe('updatePlan');
    expect(document.components.schemas.ChargeDto.properties.prices.items.oneOf).toHaveLength(3);
    expect(document.components.schemas.ChargeResponse.properties.prices.items.oneOf).toHaveLength(3);
  });
});
