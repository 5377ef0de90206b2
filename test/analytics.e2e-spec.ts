import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const MOVEMENTS = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
type Movement = (typeof MOVEMENTS)[number];

interface Row extends Record<Movement, number> {
  date: string;
  mrr: number;
  active_subscriptions: number;
  active_accounts: number;
}

/** March 2027 at noon UTC: day n of the month. */
const noon = (day: number) => new Date(Date.UTC(2027, 2, day, 12)).toISOString();

/**
 * A month of changes to a dozen subscriptions on the test clock (docs/api.md, Analytics), each at noon UTC, and
 * the daily MRR and movements the API then answers. USD plans: basic 30.00/month, pro 90.00/month, yearly
 * 1200.00/year (100.00 a month), weekly 10.00/week (43.33 a month); basic is 20.00/month in EUR.
 */
describe('Analytics', () => {
  let platform: TestPlatform;
  let sequence = 0;
  const api = () => request(platform.http);

  async function moveClock(now: string) {
    const response = await api().post('/v1/test/clock').set(auth).send({ now, timeout_seconds: 120 });
    expect(response.status).toBe(200);
  }
  const post = async (path: string, body: object, status = 200) => (await api().post(path).set(auth).send(body).expect(status)).body;
  const account = async (currency = 'USD') => {
    const created = await post('/v1/accounts', { name: `Customer ${++sequence}`, email: 'c@x.test', currency }, 201);
    await post(`/v1/accounts/${created.id}/payment-methods`, { provider_token: 'pm_card_visa' }, 201);
    return created.id as string;
  };
  const subscribe = async (accountId: string, plan_code: string, extra: object = {}) =>
    (await post('/v1/subscriptions', { account_id: accountId, plan_code, ...extra }, 201)).id as string;
  const plan = (code: string, interval: string, prices: object[]) => post('/v1/plans', { code, name: code, interval, prices }, 201);

  /** What the days should show, built from the changes as they are made: day → movements. */
  const expected = new Map<string, Partial<Record<Movement, number>>>();
  const expect_ = (day: number, movements: Partial<Record<Movement, number>>) => {
    const date = noon(day).slice(0, 10);
    const current = expected.get(date) ?? {};
    for (const [movement, amount] of Object.entries(movements) as [Movement, number][])
      current[movement] = (current[movement] ?? 0) + amount;
    expected.set(date, current);
  };

  let financeKey: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    await moveClock(noon(1));
    await plan('basic', 'month', [
      { currency: 'USD', amount: 3000 },
      { currency: 'EUR', amount: 2000 },
    ]);
    await plan('pro', 'month', [{ currency: 'USD', amount: 9000 }]);
    await plan('yearly', 'year', [{ currency: 'USD', amount: 120_000 }]);
    await plan('weekly', 'week', [{ currency: 'USD', amount: 1000 }]);
    financeKey = (await post('/v1/api-keys', { name: 'finance', role: 'finance_viewer' }, 201)).key;

    // Day 1: ten paying USD accounts (new 3000 + 9000 + 10 000 + 4333 + 6000 + 5 × 3000), a trial, one EUR account.
    const [a, b, c, d, e, g, h, i, j, k, l] = await Promise.all(Array.from({ length: 11 }, () => account()));
    const f = await account('EUR');
    await subscribe(a, 'basic');
    await subscribe(b, 'pro');
    await subscribe(c, 'basic', { trial_days: 14 });
    await subscribe(d, 'yearly');
    await subscribe(e, 'weekly');
    await subscribe(f, 'basic');
    await subscribe(g, 'basic', { quantity: 2 });
    const ending = await subscribe(h, 'basic');
    const paused = await subscribe(i, 'basic');
    const canceled = await subscribe(j, 'basic');
    const swapped = await subscribe(k, 'basic');
    const changing = await subscribe(l, 'basic');
    expect_(1, { new: 3000 + 9000 + 10_000 + 4333 + 6000 + 5 * 3000 });

    // Day 4: an upgrade with quantity, 1 × 30.00 to 2 × 90.00.
    await moveClock(noon(4));
    await post(`/v1/subscriptions/${changing}/change`, { plan_code: 'pro', quantity: 2 });
    expect_(4, { expansion: 15_000 });

    // Day 6: a plan swap inside one account (basic ended, pro started): expansion, not churn + new; a cancel at
    // the period's end (nothing moves until it ends); an immediate pause: churn.
    await moveClock(noon(6));
    await post(`/v1/subscriptions/${swapped}/cancel`, { timing: 'immediate' });
    await subscribe(k, 'pro');
    await post(`/v1/subscriptions/${ending}/cancel`, { timing: 'end_of_period' });
    await post(`/v1/subscriptions/${paused}/pause`, { timing: 'immediate' });
    expect_(6, { expansion: 6000, churn: 3000 });

    // Day 9: an immediate cancel.
    await moveClock(noon(9));
    await post(`/v1/subscriptions/${canceled}/cancel`, { timing: 'immediate' });
    expect_(9, { churn: 3000 });

    // Day 11: a downgrade with quantity, 2 × 90.00 to 3 × 30.00.
    await moveClock(noon(11));
    await post(`/v1/subscriptions/${changing}/change`, { plan_code: 'basic', quantity: 3 });
    expect_(11, { contraction: 9000 });

    // Day 13: the paused subscription resumes: its account had made MRR, so a reactivation.
    await moveClock(noon(13));
    await post(`/v1/subscriptions/${paused}/resume`, {});
    expect_(13, { reactivation: 3000 });

    // Day 15: the trial converts at noon (started day 1 at noon, 14 days): new.
    expect_(15, { new: 3000 });

    // Day 21: the canceled account subscribes again: a reactivation.
    await moveClock(noon(21));
    await subscribe(j, 'basic');
    expect_(21, { reactivation: 3000 });

    // April 1 (day 32): the cancel at the period's end takes effect at noon: churn on the day it ends.
    expect_(32, { churn: 3000 });
    await moveClock(new Date(Date.UTC(2027, 3, 2, 0, 30)).toISOString());
  }, 600_000);
  afterAll(() => platform.close());

  const mrr = async (query: string, key = TEST_BOOTSTRAP_KEY) =>
    api()
      .get(`/v1/analytics/mrr?${query}`)
      .set({ Authorization: `Bearer ${key}` });

  it('answers the daily MRR and movements of the month, per account, with the identity every day', async () => {
    const response = await mrr('from=2027-03-01&to=2027-04-01&currency=USD', financeKey);
    expect(response.status).toBe(200);
    const rows = response.body.data as Row[];
    expect(rows.map((row) => row.date)).toEqual(Array.from({ length: 32 }, (_, n) => noon(n + 1).slice(0, 10)));
    let previous = 0;
    for (const row of rows) {
      const movements = Object.fromEntries(MOVEMENTS.map((movement) => [movement, expected.get(row.date)?.[movement] ?? 0]));
      expect({ date: row.date, ...pick(row, MOVEMENTS) }).toEqual({ date: row.date, ...movements });
      expect(row.mrr).toBe(previous + row.new + row.expansion + row.reactivation - row.contraction - row.churn);
      previous = row.mrr;
    }
    expect(rows.map((row) => row.mrr).filter((_, n) => [0, 3, 5, 8, 10, 12, 14, 20, 31].includes(n))).toEqual([
      47_333, 62_333, 65_333, 62_333, 53_333, 56_333, 59_333, 62_333, 59_333,
    ]);
    expect(pick(rows[0], ['active_subscriptions', 'active_accounts'])).toEqual({ active_subscriptions: 10, active_accounts: 10 });
    expect(pick(rows[31], ['active_subscriptions', 'active_accounts'])).toEqual({ active_subscriptions: 10, active_accounts: 10 });
  });

  it('keeps currencies apart, and a month row is its last day with the sum of its movements', async () => {
    const eur = (await mrr('from=2027-03-01&to=2027-03-31&currency=EUR&interval=month')).body;
    expect(eur).toMatchObject({ currency: 'EUR', interval: 'month', data: [{ date: '2027-03-31', mrr: 2000, new: 2000, churn: 0 }] });
    const usd = (await mrr('from=2027-03-01&to=2027-04-01&currency=USD&interval=month')).body.data;
    expect(usd).toEqual([
      {
        date: '2027-03-31',
        mrr: 62_333,
        new: 50_333,
        expansion: 21_000,
        contraction: 9000,
        churn: 6000,
        reactivation: 6000,
        active_subscriptions: 11,
        active_accounts: 11,
      },
      {
        date: '2027-04-01',
        mrr: 59_333,
        new: 0,
        expansion: 0,
        contraction: 0,
        churn: 3000,
        reactivation: 0,
        active_subscriptions: 10,
        active_accounts: 10,
      },
    ]);
  });

  it('answers churn and LTV from the same snapshots', async () => {
    const churn = (await api().get('/v1/analytics/churn?from=2027-04-01&to=2027-04-01&currency=USD').set(auth).expect(200)).body;
    // 1 of 11 accounts; 3000 of 62 333.
    expect(churn.data).toEqual([{ period_start: '2027-04-01', date: '2027-04-01', logo_churn: '0.0909', revenue_churn: '0.0481' }]);
    const ltv = (await api().get('/v1/analytics/ltv?from=2027-04-01&to=2027-04-01&currency=USD').set(auth).expect(200)).body;
    // ARPA 59 333 / 10; March gained more by expansion than it lost: no finite lifetime value.
    expect(ltv.data).toEqual([{ date: '2027-04-01', arpa: 5933, revenue_churn: '-0.0634', ltv: null }]);
  });

  it('rebuild over the same range gives identical rows', async () => {
    const before = (await mrr('from=2027-03-01&to=2027-04-01&currency=USD')).body;
    const rebuilt = await api().post('/v1/analytics/rebuild').set(auth).send({ from: '2027-03-01', to: '2027-04-01' });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toEqual({ object: 'analytics_rebuild', from: '2027-03-01', to: '2027-04-01', days: 32 });
    expect((await mrr('from=2027-03-01&to=2027-04-01&currency=USD')).body).toEqual(before);
  });

  it('only a super_admin rebuilds; bad ranges are 422 problems naming the field', async () => {
    const forbidden = await api()
      .post('/v1/analytics/rebuild')
      .set({ Authorization: `Bearer ${financeKey}` })
      .send({ from: '2027-03-01', to: '2027-03-02' });
    expect(forbidden.status).toBe(403);
    const cases: [string, string][] = [
      ['from=2027-03-05&to=2027-03-01&currency=USD', 'to'],
      ['from=2024-01-01&to=2027-01-01&currency=USD', 'to'],
      ['from=2027-02-30&to=2027-03-01&currency=USD', 'from'],
      ['from=2027-03-01&to=2027-03-02', 'currency'],
      ['from=2027-03-01&to=2027-03-02&currency=USD&interval=week', 'interval'],
    ];
    for (const [query, field] of cases) {
      const response = await mrr(query);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    const unfinished = await api().post('/v1/analytics/rebuild').set(auth).send({ from: '2027-04-01', to: '2027-04-02' });
    expect(unfinished.status).toBe(422);
    expect(unfinished.body.errors[0].field).toBe('to');
  });

  it("shows each currency's MRR on the api's /metrics, in major units", async () => {
    let text = '';
    for (let attempt = 0; attempt < 100 && !text.includes('mrr_dollars{currency="USD"}'); attempt++) {
      text = (await api().get('/metrics')).text;
      if (!text.includes('mrr_dollars{currency="USD"}')) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(text).toContain('mrr_dollars{currency="USD"} 593.33');
    expect(text).toContain('mrr_dollars{currency="EUR"} 20');
  });
});

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}
