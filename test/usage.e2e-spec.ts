import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const WORKED_TIERS = [
  { up_to: 100, unit_amount: '0', flat_amount: 0 },
  { up_to: 1000, unit_amount: '0.5', flat_amount: 0 },
  { up_to: null, unit_amount: '0.2', flat_amount: 0 },
];

interface UsageEvent {
  id: string;
  subscription_id?: string;
  account_id?: string;
  metric_code: string;
  timestamp: string;
  value?: number | string;
  properties?: Record<string, unknown>;
}

/** Scenarios in the order of billing time: the test clock only moves forward. */
describe('Usage API', () => {
  let platform: TestPlatform;
  let sequence = 0;
  let plan: { id: string; code: string };

  const api = () => request(platform.http);
  const moveClock = async (iso: string) => {
    const response = await api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 60 });
    expect(response.status).toBe(200);
  };
  const post = (body: unknown, headers: Record<string, string> = auth) =>
    api()
      .post('/v1/usage')
      .set(headers)
      .send(body as object);
  const usage = (subscriptionId: string, headers: Record<string, string> = auth) =>
    api().get(`/v1/subscriptions/${subscriptionId}/usage`).set(headers);
  const account = async () => {
    const response = await api().post('/v1/accounts').set(auth).send({ name: 'Metered Inc', email: 'ops@metered.test', currency: 'USD' });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };
  const createPlan = async (charges: object[], extra: object = {}) => {
    const response = await api()
      .post('/v1/plans')
      .set(auth)
      .send({
        code: `usage-plan-${++sequence}`,
        name: 'Metered',
        interval: 'month',
        prices: [{ currency: 'USD', amount: 1000 }],
        charges,
        ...extra,
      });
    expect(response.status).toBe(201);
    return response.body as { id: string; code: string };
  };
  const subscribe = async (accountId: string, planId = plan.id, extra: object = {}) => {
    const response = await api()
      .post('/v1/subscriptions')
      .set(auth)
      .send({ account_id: accountId, plan_id: planId, ...extra });
    expect(response.status).toBe(201);
    return response.body as { id: string; account_id: string };
  };
  /** `count` events of one metric, `stepMs` apart from `from` (one minute unless told). */
  const events = (
    subscriptionId: string,
    metric: string,
    count: number,
    from: string,
    extra: Partial<UsageEvent> = {},
    stepMs = 60_000,
  ): UsageEvent[] =>
    Array.from({ length: count }, (_, index) => ({
      id: `${subscriptionId}-${metric}-${++sequence}`,
      subscription_id: subscriptionId,
      metric_code: metric,
      timestamp: new Date(Date.parse(from) + index * stepMs).toISOString(),
      ...extra,
    }));
  /** The clock stands at NOW from the first test on; a subscription created then accepts events up to 5 minutes later. */
  const NOW = '2027-03-15T12:00:00Z';
  const soon = (subscriptionId: string, metric: string, count: number, extra: Partial<UsageEvent> = {}) =>
    events(subscriptionId, metric, count, NOW, extra, 100);
  const send = async (list: UsageEvent[]) => {
    for (let start = 0; start < list.length; start += 1000) {
      const response = await post({ events: list.slice(start, start + 1000) });
      expect(response.status).toBe(202);
    }
  };
  const quantities = async (subscriptionId: string) => {
    const response = await usage(subscriptionId);
    expect(response.status).toBe(200);
    return Object.fromEntries(
      response.body.metrics.map((metric: { metric_code: string; quantity: string }) => [metric.metric_code, metric.quantity]),
    );
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    await moveClock('2027-03-01T00:00:00Z');
    for (const [code, aggregation, field] of [
      ['api_calls', 'count', undefined],
      ['searches', 'count', undefined],
      ['gb_hours', 'sum', undefined],
      ['active_users', 'unique_count', 'user'],
      ['peak_seats', 'max', 'seats'],
      ['other_metric', 'count', undefined],
    ] as const) {
      const response = await api().post('/v1/metrics').set(auth).send({ code, name: code, aggregation, field });
      expect(response.status).toBe(201);
    }
    plan = await createPlan([
      { metric_code: 'api_calls', model: 'graduated', prices: [{ currency: 'USD', tiers: WORKED_TIERS }] },
      { metric_code: 'searches', model: 'volume', prices: [{ currency: 'USD', tiers: WORKED_TIERS }] },
      { metric_code: 'gb_hours', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '0.05' }] },
      { metric_code: 'active_users', model: 'package', prices: [{ currency: 'USD', package_size: 10, package_amount: 500 }] },
      { metric_code: 'peak_seats', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '100' }] },
    ]);
  });
  afterAll(() => platform.close());

  let worked: { id: string; account_id: string };

  it("shows the worked examples in the current period's usage: 1500 calls → 550 graduated, 300 volume", async () => {
    worked = await subscribe((await account()).id);
    await moveClock(NOW);
    await send([
      ...events(worked.id, 'api_calls', 1500, '2027-03-01T00:00:00Z'),
      ...events(worked.id, 'searches', 1500, '2027-03-02T00:00:00Z'),
      // 617.5 + 616.5 = 1234 GB-hours × 0.05 = 61.7 → 62
      ...events(worked.id, 'gb_hours', 1, '2027-03-03T00:00:00Z', { value: 617.5 }),
      ...events(worked.id, 'gb_hours', 1, '2027-03-04T00:00:00Z', { value: '616.5' }),
      // 25 distinct users (50 events) → 3 started packages of 10 × 500
      ...Array.from(
        { length: 50 },
        (_, index) => events(worked.id, 'active_users', 1, '2027-03-05T00:00:00Z', { properties: { user: `u${index % 25}` } })[0],
      ),
      ...[3, 9, 4].map(
        (seats, index) => events(worked.id, 'peak_seats', 1, `2027-03-0${6 + index}T00:00:00Z`, { properties: { seats } })[0],
      ),
    ]);

    const response = await usage(worked.id);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      object: 'subscription_usage',
      subscription_id: worked.id,
      period_start: '2027-03-01T00:00:00.000Z',
      period_end: '2027-04-01T00:00:00.000Z',
      currency: 'USD',
      amount: 550 + 300 + 62 + 1500 + 900,
      metrics: [
        expect.objectContaining({
          metric_code: 'api_calls',
          quantity: '1500',
          amount: 550,
          description: '1500 units (graduated): 100 × USD 0.00 (0–100) + 900 × USD 0.005 (101–1000) + 500 × USD 0.002 (1001+)',
        }),
        expect.objectContaining({ metric_code: 'searches', quantity: '1500', amount: 300, unit_amount: '0.2' }),
        expect.objectContaining({ metric_code: 'gb_hours', quantity: '1234', amount: 62, unit_amount: '0.05' }),
        expect.objectContaining({ metric_code: 'active_users', quantity: '25', amount: 1500 }),
        expect.objectContaining({ metric_code: 'peak_seats', quantity: '9', amount: 900 }),
      ],
    });
  });

  it('counts a batch sent twice once: accepted the first time, duplicates the second', async () => {
    const subscription = await subscribe((await account()).id);
    const batch = { events: soon(subscription.id, 'api_calls', 250) };
    expect((await post(batch)).body).toEqual({ accepted: 250, duplicates: 0 });
    expect((await post(batch)).body).toEqual({ accepted: 0, duplicates: 250 });
    // Half old, half new; and an id repeated within the batch counts once.
    const mixed = [...batch.events.slice(0, 100), ...soon(subscription.id, 'api_calls', 100)];
    const response = await post({ events: [...mixed, mixed[150]] });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 100, duplicates: 101 });
    expect((await quantities(subscription.id)).api_calls).toBe('350');

    // An Idempotency-Key replays the first answer (a client retrying after a timeout sees what it missed).
    const keyed = { events: soon(subscription.id, 'api_calls', 5) };
    const first = await api().post('/v1/usage').set(auth).set('Idempotency-Key', `usage-${subscription.id}`).send(keyed);
    const replay = await api().post('/v1/usage').set(auth).set('Idempotency-Key', `usage-${subscription.id}`).send(keyed);
    expect([first.status, first.body]).toEqual([202, { accepted: 5, duplicates: 0 }]);
    expect([replay.status, replay.body, replay.headers['idempotent-replayed']]).toEqual([202, { accepted: 5, duplicates: 0 }, 'true']);
  });

  it('refuses an invalid batch whole, naming each failing event, and stores nothing', async () => {
    const subscription = await subscribe((await account()).id);
    const good = soon(subscription.id, 'api_calls', 6);
    const response = await post({
      events: [
        good[0],
        { ...good[1], metric_code: 'no_such_metric' },
        good[2],
        { ...good[3], timestamp: '2027-03-16T12:00:00Z' },
        { ...good[4], metric_code: 'gb_hours' },
        { ...good[5], metric_code: 'other_metric' },
        { ...good[0], id: 'x-1', timestamp: '2027-02-01T00:00:00Z' },
        { ...good[0], id: 'x-2', metric_code: 'active_users', properties: { user: { nested: true } } },
        { ...good[0], id: 'x-3', subscription_id: 'sub_missing' },
      ],
    });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'events[1].metric_code',
      'events[3].timestamp',
      'events[4].value',
      'events[5].metric_code',
      'events[6].timestamp',
      'events[7].properties.user',
      'events[8].subscription_id',
    ]);
    expect(await quantities(subscription.id)).toMatchObject({ api_calls: '0' });
    // The valid events, alone, are stored: their ids were not consumed by the refused batch.
    expect((await post({ events: [good[0], good[2]] })).body).toEqual({ accepted: 2, duplicates: 0 });
  });

  it('refuses a malformed batch by its schema, and 1001 events naming `events`', async () => {
    const subscription = await subscribe((await account()).id);
    const schema = await post({ events: [{ id: 'a', subscription_id: subscription.id, metric_code: 'API', timestamp: 'now', colour: 1 }] });
    expect(schema.status).toBe(422);
    expect(schema.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(
      ['events[0].colour', 'events[0].metric_code', 'events[0].timestamp'].sort(),
    );
    const tooMany = await post({ events: events(subscription.id, 'api_calls', 1001, '2027-03-14T00:00:00Z') });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([{ field: 'events', message: 'must list at most 1000 events' }]);
    expect((await post({ events: [] })).status).toBe(422);
    expect((await quantities(subscription.id)).api_calls).toBe('0');
  });

  it('answers 413 for a body over 1 MiB, and 400 for malformed JSON', async () => {
    const subscription = await subscribe((await account()).id);
    const huge = soon(subscription.id, 'api_calls', 1, { properties: { blob: 'x'.repeat(1024 * 1024) } });
    const response = await post({ events: huge });
    expect(response.status).toBe(413);
    const malformed = await api().post('/v1/usage').set(auth).set('Content-Type', 'application/json').send('{"events": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');
  });

  it("resolves account_id to the account's subscription whose plan charges the metric", async () => {
    const customer = await account();
    const otherPlan = await createPlan([
      { metric_code: 'other_metric', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '1' }] },
    ]);
    const calls = await subscribe(customer.id);
    const other = await subscribe(customer.id, otherPlan.id);
    const byAccount = (metric: string, id: string) => ({
      id,
      account_id: customer.id,
      metric_code: metric,
      timestamp: '2027-03-15T12:01:00Z',
    });
    expect((await post({ events: [byAccount('api_calls', 'acc-1'), byAccount('other_metric', 'acc-2')] })).body).toEqual({
      accepted: 2,
      duplicates: 0,
    });
    expect((await quantities(calls.id)).api_calls).toBe('1');
    expect((await quantities(other.id)).other_metric).toBe('1');

    const otherOnly = await account();
    await subscribe(otherOnly.id, otherPlan.id);
    const none = await post({
      events: [
        { ...byAccount('api_calls', 'acc-3'), account_id: otherOnly.id },
        { ...byAccount('api_calls', 'acc-4'), account_id: 'acct_missing' },
        // Alive at the timestamp matters: the subscriptions did not exist an hour ago.
        { ...byAccount('api_calls', 'acc-4b'), timestamp: '2027-03-15T11:00:00Z' },
      ],
    });
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([
      { field: 'events[0].account_id', message: expect.stringMatching(/has no subscription charging metric api_calls/) },
      { field: 'events[1].account_id', message: expect.stringMatching(/has no subscription charging metric api_calls/) },
      {
        field: 'events[2].account_id',
        message: expect.stringMatching(/has no subscription charging metric api_calls at 2027-03-15T11:00:00.000Z/),
      },
    ]);

    await subscribe(customer.id);
    const ambiguous = await post({ events: [byAccount('api_calls', 'acc-5')] });
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.body.errors).toEqual([
      { field: 'events[0].account_id', message: expect.stringMatching(/2 subscriptions charging metric api_calls.*send subscription_id/) },
    ]);
    // With two subscriptions the client names one.
    expect(
      (await post({ events: [{ ...byAccount('api_calls', 'acc-5'), account_id: undefined, subscription_id: calls.id }] })).body,
    ).toEqual({
      accepted: 1,
      duplicates: 0,
    });
  });

  it('refuses timestamps outside the acceptance window or the life of the subscription', async () => {
    const subscription = await subscribe((await account()).id);
    const at = (timestamp: string, id: string) => ({ id, subscription_id: subscription.id, metric_code: 'api_calls', timestamp });
    const response = await post({
      events: [
        at('2027-03-15T12:04:59Z', 'w-1'), // within 5 minutes of the clock
        at('2027-03-15T12:05:01Z', 'w-2'), // beyond
        at('2027-03-15T11:59:59Z', 'w-3'), // before the subscription was created
      ],
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { field: 'events[1].timestamp', message: expect.stringMatching(/more than 5 minutes after the billing clock/) },
      { field: 'events[2].timestamp', message: expect.stringMatching(/before subscription .* was created/) },
    ]);
    expect((await post({ events: [at('2027-03-15T12:04:59Z', 'w-1')] })).status).toBe(202);
  });

  it('bills nothing during a trial, and answers 404 for an unknown subscription', async () => {
    const trial = await subscribe((await account()).id, plan.id, { trial_days: 14 });
    await send(soon(trial.id, 'api_calls', 1500));
    const response = await usage(trial.id);
    expect(response.body).toMatchObject({ amount: 0, period_end: '2027-03-29T12:00:00.000Z' });
    expect(response.body.metrics[0]).toMatchObject({ metric_code: 'api_calls', quantity: '1500', amount: 0 });
    const missing = await usage('sub_missing');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
  });

  it('lets finance_viewer read usage but not send it; billing_admin sends it; the route has its own rate limit', async () => {
    const viewer = await platform.keyFor('finance_viewer');
    const admin = await platform.keyFor('billing_admin');
    const batch = { events: events(worked.id, 'api_calls', 1, '2027-03-15T00:00:00Z') };
    const refused = await post(batch, viewer);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await usage(worked.id, viewer)).status).toBe(200);
    const accepted = await post(batch, admin);
    expect(accepted.status).toBe(202);
    expect(accepted.headers['ratelimit-limit']).toBe(String(platform.config.usageRateLimitPerHour));
    expect((await api().get('/v1/plans').set(admin)).headers['ratelimit-limit']).toBe(String(platform.config.rateLimitPerHour));
  });
});
