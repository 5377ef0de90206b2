import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

interface Line {
  type: string;
  metric_code: string | null;
  amount: number;
  period_start: string;
  period_end: string;
}

/** Usage follows the subscription across plan changes: each event is rated by the plan in force when it happened. */
describe('Usage across plan changes', () => {
  let platform: TestPlatform;
  let eventSequence = 0;
  let accountSequence = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    // These customers have no card and their invoices stay open on purpose: no dunning step blocks them.
    await api().put('/v1/dunning-policy').set(auth).send({ retry_schedule_days: [], steps: [] }).expect(200);
    await moveClock('2027-04-01T00:00:00Z');
    await api().post('/v1/metrics').set(auth).send({ code: 'api_calls', name: 'API calls', aggregation: 'count' });
    const fee = [{ currency: 'USD', amount: 1000 }];
    const charge = (model: string, price: object) => [{ metric_code: 'api_calls', model, prices: [{ currency: 'USD', ...price }] }];
    for (const plan of [
      { code: 'flat', prices: fee },
      { code: 'metered', prices: fee, charges: charge('per_unit', { unit_amount: '2' }) },
      {
        code: 'pro',
        prices: fee,
        charges: charge('graduated', {
          tiers: [
            { up_to: 1000, unit_amount: '0', flat_amount: 0 },
            { up_to: null, unit_amount: '0.3', flat_amount: 0 },
          ],
        }),
      },
      { code: 'team', prices: fee, charges: charge('per_unit', { unit_amount: '0.5' }) },
    ]) {
      expect(
        (
          await api()
            .post('/v1/plans')
            .set(auth)
            .send({ name: plan.code, interval: 'month', ...plan })
        ).status,
      ).toBe(201);
    }
  });
  afterAll(() => platform.close());

  const api = () => request(platform.http);
  async function moveClock(iso: string) {
    expect((await api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 60 })).status).toBe(200);
  }
  async function subscribe(plan: string) {
    const account = await api()
      .post('/v1/accounts')
      .set(auth)
      .send({ name: `U ${++accountSequence}`, email: 'u@x.test', currency: 'USD' });
    const subscription = await api().post('/v1/subscriptions').set(auth).send({ account_id: account.body.id, plan_code: plan });
    return { id: subscription.body.id as string, accountId: account.body.id as string };
  }
  async function send(subscriptionId: string, count: number, timestamp: string) {
    for (let offset = 0; offset < count; offset += 1000) {
      const events = Array.from({ length: Math.min(1000, count - offset) }, () => ({
        id: `e-${++eventSequence}`,
        subscription_id: subscriptionId,
        metric_code: 'api_calls',
        timestamp,
      }));
      expect((await api().post('/v1/usage').set(auth).send({ events })).status).toBe(202);
    }
  }
  const change = async (id: string, plan: string) =>
    expect((await api().post(`/v1/subscriptions/${id}/change`).set(auth).send({ plan_code: plan })).status).toBe(200);
  const usageLines = (lines: Line[]) => lines.filter((line) => line.type === 'usage').map((line) => line.amount);
  const invoicesOf = async (id: string) =>
    (
      (await api().get(`/v1/invoices?subscription_id=${id}&limit=100`).set(auth)).body.data as { lines: Line[]; billing_reason: string }[]
    ).reverse();
  const currentUsage = async (id: string) => (await api().get(`/v1/subscriptions/${id}/usage`).set(auth)).body.amount as number;

  it('bills the usage sent after an upgrade from a flat plan to a metered one', async () => {
    const { id } = await subscribe('flat');
    await change(id, 'metered');
    await moveClock('2027-04-10T00:00:00Z');
    await send(id, 1000, '2027-04-09T12:00:00Z');
    expect(await currentUsage(id)).toBe(2000);
    await moveClock('2027-05-01T00:00:00Z');
    const renewal = (await invoicesOf(id)).pop() as { lines: Line[] };
    expect(usageLines(renewal.lines)).toEqual([2000]);
  });

  it('rates usage by the plan in force when it happened: the usage endpoint, the preview and the invoice agree', async () => {
    const { id, accountId } = await subscribe('pro');
    await moveClock('2027-05-03T00:00:00Z');
    await send(id, 1500, '2027-05-02T12:00:00Z');
    // Pro: the first 1 000 free, 500 × 0.3 = 150.
    expect(await currentUsage(id)).toBe(150);
    const preview = await api()
      .post('/v1/invoices/preview')
      .set(auth)
      .send({ subscription_id: id, change: { plan_code: 'team' } });
    expect(usageLines(preview.body.lines)).toEqual([150]);

    await change(id, 'team');
    await moveClock('2027-05-03T00:00:00Z');
    const changeInvoice = (await invoicesOf(id)).pop() as { lines: Line[]; billing_reason: string };
    expect(changeInvoice.billing_reason).toBe('subscription_update');
    expect(usageLines(changeInvoice.lines)).toEqual([150]);

    // Team from the change on: 400 × 0.5 = 200, in every view.
    expect(await currentUsage(id)).toBe(0);
    await moveClock('2027-05-20T00:00:00Z');
    await send(id, 400, '2027-05-19T12:00:00Z');
    expect(await currentUsage(id)).toBe(200);
    const next = await api().post('/v1/invoices/preview').set(auth).send({ account_id: accountId });
    expect(usageLines(next.body.lines)).toEqual([200]);
    await moveClock('2027-06-01T00:00:00Z');
    const renewal = (await invoicesOf(id)).pop() as { lines: Line[] };
    expect(usageLines(renewal.lines)).toEqual([200]);
    expect(renewal.lines.find((line) => line.type === 'usage')).toMatchObject({
      period_start: '2027-05-03T00:00:00.000Z',
      period_end: '2027-06-01T00:00:00.000Z',
    });
  });
});
