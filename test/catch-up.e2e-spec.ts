import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const DAILY_SUBSCRIPTIONS = 250;

/** The scheduler was down for a month: renewals and the bill run catch up in bounded steps, for everyone. */
describe('Catching up a month of daily renewals', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
  });
  afterAll(() => platform.close());

  const api = () => request(platform.http);
  const moveClock = (iso: string) => api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 600 });

  async function subscribe(planCode: string, index: number): Promise<string> {
    const account = await api()
      .post('/v1/accounts')
      .set(auth)
      .send({ name: `Daily ${index}`, email: `d${index}@x.test`, currency: 'EUR' });
    const subscription = await api().post('/v1/subscriptions').set(auth).send({ account_id: account.body.id, plan_code: planCode });
    expect(subscription.status).toBe(201);
    return subscription.body.id;
  }

  it('gives each of 250 daily subscriptions its 31 missed fees after the clock jumps 31 days, and a monthly one renews', async () => {
    expect((await moveClock('2027-03-01T00:00:00Z')).status).toBe(200);
    for (const [code, interval] of [
      ['daily', 'day'],
      ['monthly', 'month'],
    ]) {
      const plan = await api()
        .post('/v1/plans')
        .set(auth)
        .send({ code, name: code, interval, prices: [{ currency: 'EUR', amount: 100 }] });
      expect(plan.status).toBe(201);
    }
    const daily: string[] = [];
    for (let start = 0; start < DAILY_SUBSCRIPTIONS; start += 25) {
      daily.push(...(await Promise.all(Array.from({ length: 25 }, (_, offset) => subscribe('daily', start + offset)))));
    }
    const monthly = await subscribe('monthly', DAILY_SUBSCRIPTIONS);

    const moved = await moveClock('2027-04-01T00:00:00Z');
    expect(moved.status).toBe(200);
    expect(moved.body.pending_jobs).toBe(0);

    const db = platform.api.get(DataSource);
    const fees: { subscription_id: string; invoices: number; periods: number }[] = await db.query(
      `SELECT i.subscription_id, count(DISTINCT i.id)::int AS invoices, count(DISTINCT l.period_start)::int AS periods
         FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id AND l.type = 'subscription'
        GROUP BY 1`,
    );
    const byId = new Map(fees.map((row) => [row.subscription_id, row]));
    expect(daily.filter((id) => byId.get(id)?.invoices !== 32 || byId.get(id)?.periods !== 32)).toEqual([]);
    expect(byId.get(monthly)).toMatchObject({ invoices: 2, periods: 2 });

    const sample = await api()
      .get(`/v1/subscriptions/${daily[DAILY_SUBSCRIPTIONS - 1]}`)
      .set(auth);
    expect(sample.body).toMatchObject({ current_period_start: '2027-04-01T00:00:00.000Z', current_period_end: '2027-04-02T00:00:00.000Z' });
    const renewed = await api().get(`/v1/subscriptions/${monthly}`).set(auth);
    expect(renewed.body.current_period_start).toBe('2027-04-01T00:00:00.000Z');
    const [failures] = await db.query(`SELECT count(*)::int AS n FROM work_failures`);
    expect(failures.n).toBe(0);
  }, 600_000);
});
