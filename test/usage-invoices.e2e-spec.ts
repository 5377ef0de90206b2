import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const WORKED_TIERS = [
  { up_to: 100, unit_amount: '0', flat_amount: 0 },
  { up_to: 1000, unit_amount: '0.5', flat_amount: 0 },
  { up_to: null, unit_amount: '0.2', flat_amount: 0 },
];

interface Line {
  type: string;
  metric_code: string | null;
  amount: number;
  description: string;
  period_start: string;
  period_end: string;
}

/** Usage billed in arrears on real invoices, the test clock moving forward through the scenarios. */
describe('Usage on invoices', () => {
  let platform: TestPlatform;
  let subscriptionId: string;
  let eventSequence = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    // These customers have no card and their invoices stay open on purpose: no dunning step blocks them.
    await api().put('/v1/dunning-policy').set(auth).send({ retry_schedule_days: [], steps: [] }).expect(200);
  });
  afterAll(() => platform.close());

  const api = () => request(platform.http);
  const moveClock = async (iso: string) =>
    expect((await api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 60 })).status).toBe(200);
  const events = (count: number, metric: string, timestamp: string, subscription = subscriptionId) =>
    Array.from({ length: count }, () => ({ id: `e-${++eventSequence}`, subscription_id: subscription, metric_code: metric, timestamp }));
  const send = async (batch: object[]) => {
    const response = await api().post('/v1/usage').set(auth).send({ events: batch });
    expect(response.status).toBe(202);
    return response.body as { accepted: number; duplicates: number };
  };
  const invoices = async (subscription = subscriptionId) =>
    (
      (await api().get(`/v1/invoices?subscription_id=${subscription}&limit=100`).set(auth)).body.data as { lines: Line[]; total: number }[]
    ).reverse();
  const usageLines = (lines: Line[]) => lines.filter((line) => line.type === 'usage').map((line) => [line.metric_code, line.amount]);

  async function usagePlan(code: string) {
    for (const metric of ['api_calls', 'searches']) {
      await api().post('/v1/metrics').set(auth).send({ code: metric, name: metric, aggregation: 'count' });
    }
    const plan = await api()
      .post('/v1/plans')
      .set(auth)
      .send({
        code,
        name: 'Metered',
        interval: 'month',
        prices: [{ currency: 'USD', amount: 1000 }],
        charges: [
          { metric_code: 'api_calls', model: 'graduated', prices: [{ currency: 'USD', tiers: WORKED_TIERS }] },
          { metric_code: 'searches', model: 'volume', prices: [{ currency: 'USD', tiers: WORKED_TIERS }] },
        ],
      });
    expect(plan.status).toBe(201);
    return plan.body;
  }

  it('bills the worked examples in arrears on the renewal invoice: 1500 calls → 550 graduated, 300 volume', async () => {
    await moveClock('2027-04-01T00:00:00Z');
    const plan = await usagePlan('metered');
    const account = (await api().post('/v1/accounts').set(auth).send({ name: 'Metered', email: 'm@x.test', currency: 'USD' })).body;
    subscriptionId = (await api().post('/v1/subscriptions').set(auth).send({ account_id: account.id, plan_id: plan.id })).body.id;
    await moveClock('2027-04-15T00:00:00Z');
    const calls = events(1500, 'api_calls', '2027-04-10T12:00:00Z');
    const searches = events(1500, 'searches', '2027-04-11T12:00:00Z');
    for (const batch of [calls.slice(0, 1000), calls.slice(1000), searches.slice(0, 1000), searches.slice(1000)]) await send(batch);

    // The same batch again is counted once.
    expect(await send(calls.slice(1000))).toEqual({ accepted: 0, duplicates: 500 });

    await moveClock('2027-05-01T00:00:00Z');
    const [first, renewal] = await invoices();
    expect(usageLines(first.lines)).toEqual([]);
    expect(usageLines(renewal.lines)).toEqual([
      ['api_calls', 550],
      ['searches', 300],
    ]);
    const graduated = renewal.lines.find((line) => line.metric_code === 'api_calls') as Line;
    expect(graduated).toMatchObject({ period_start: '2027-04-01T00:00:00.000Z', period_end: '2027-05-01T00:00:00.000Z' });
    expect(renewal.total).toBe(1000 + 550 + 300);
  });

  it('bills events that arrive after their period was invoiced on the next invoice, as their own line', async () => {
    await moveClock('2027-05-05T00:00:00Z');
    await send(events(100, 'api_calls', '2027-04-20T00:00:00Z'));
    await send(events(100, 'searches', '2027-04-20T00:00:00Z'));
    await moveClock('2027-06-01T00:00:00Z');
    const [, , next] = await invoices();
    const late = next.lines.filter((line) => line.type === 'usage' && line.period_start === '2027-04-01T00:00:00.000Z');
    // 1600 calls: 450 + 600 × 0.2 = 570 graduated (+20); volume 1600 × 0.2 = 320 (+20).
    expect(late.map((line) => [line.metric_code, line.amount])).toEqual([
      ['api_calls', 20],
      ['searches', 20],
    ]);
    expect(late.every((line) => /late/.test(line.description))).toBe(true);
  });

  it('bills usage up to the end at an immediate cancel', async () => {
    await moveClock('2027-06-10T00:00:00Z');
    await send(events(200, 'api_calls', '2027-06-05T00:00:00Z'));
    const canceled = await api()
      .post(`/v1/subscriptions/${subscriptionId}/cancel`)
      .set(auth)
      .send({ timing: 'immediate', proration: 'none' });
    expect(canceled.body.status).toBe('canceled');
    await moveClock('2027-06-10T00:00:00Z');
    const last = (await invoices()).pop() as { lines: Line[] };
    // 200 calls: 100 × 0 + 100 × 0.5 = 50, for June 1 – June 10.
    expect(last.lines.filter((line) => line.type === 'usage').map((line) => [line.metric_code, line.amount, line.period_end])).toEqual([
      ['api_calls', 50, '2027-06-10T00:00:00.000Z'],
    ]);
  });
});
