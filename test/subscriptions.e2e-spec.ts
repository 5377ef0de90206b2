import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

/** Scenarios run in the order of billing time: the test clock only moves forward. */
describe('Subscription lifecycle on the test clock', () => {
  let platform: TestPlatform;
  let sequence = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
  });
  afterAll(() => platform.close());

  const api = () => request(platform.http);
  const moveClock = async (iso: string) => {
    const response = await api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 60 });
    expect(response.status).toBe(200);
  };
  /** A customer whose card pays every invoice, so that dunning (past_due, blocks) stays out of the lifecycle. */
  const account = async (currency: string, extra: object = {}) => {
    const created = (
      await api()
        .post('/v1/accounts')
        .set(auth)
        .send({ name: `${currency} customer`, email: 'c@x.test', currency, ...extra })
    ).body;
    await api().post(`/v1/accounts/${created.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_visa' }).expect(201);
    return created;
  };
  const plan = async (prices: { currency: string; amount: number }[], extra: object = {}) => {
    const response = await api()
      .post('/v1/plans')
      .set(auth)
      .send({ code: `plan-${++sequence}`, name: 'Plan', interval: 'month', prices, ...extra });
    expect(response.status).toBe(201);
    return response.body;
  };
  const subscribe = async (body: object) => {
    const response = await api().post('/v1/subscriptions').set(auth).send(body);
    expect(response.status).toBe(201);
    return response.body;
  };
  const get = async (id: string) => (await api().get(`/v1/subscriptions/${id}`).set(auth)).body;
  const billed = async (id: string) =>
    (await api().get(`/v1/subscriptions/${id}/billing-events`).set(auth)).body.data
      .filter((event: { amount: number | null }) => event.amount !== null)
      .map((event: { type: string; amount: number; period_start: string; period_end: string }) => [
        event.type,
        event.amount,
        event.period_start.slice(0, 10),
        event.period_end.slice(0, 10),
      ]);

  it('refuses with 422 a plan that has no price in the account currency', async () => {
    const customer = await account('EUR');
    const usdOnly = await plan([{ currency: 'USD', amount: 1000 }]);
    const response = await api().post('/v1/subscriptions').set(auth).send({ account_id: customer.id, plan_id: usdOnly.id });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'plan_currency_unavailable', errors: [{ field: 'plan_id' }] });
    expect((await api().get(`/v1/subscriptions?account_id=${customer.id}`).set(auth)).body.data).toEqual([]);
  });

  it('prices JPY and KWD plans in their minor units', async () => {
    await moveClock('2027-03-01T00:00:00Z');
    const yen = await plan([{ currency: 'JPY', amount: 1200 }]);
    const dinar = await plan([{ currency: 'KWD', amount: 12500 }]);
    const jpy = await subscribe({ account_id: (await account('JPY')).id, plan_id: yen.id, quantity: 3 });
    const kwd = await subscribe({ account_id: (await account('KWD')).id, plan_code: dinar.code });
    expect(await billed(jpy.id)).toEqual([['period_started', 3600, '2027-03-01', '2027-04-01']]);
    expect(await billed(kwd.id)).toEqual([['period_started', 12500, '2027-03-01', '2027-04-01']]);
  });

  let basic: { id: string; code: string };
  let pro: { id: string; code: string };
  let upgraded: { id: string };
  let downgraded: { id: string };

  it('records the worked upgrade (30.00 → 90.00 on day 10 of 30) as a credit of −2000 and a charge of +6000', async () => {
    await moveClock('2027-04-01T00:00:00Z');
    basic = await plan([{ currency: 'USD', amount: 3000 }]);
    pro = await plan([{ currency: 'USD', amount: 9000 }]);
    const customer = await account('USD');
    upgraded = await subscribe({ account_id: customer.id, plan_id: basic.id });
    downgraded = await subscribe({ account_id: customer.id, plan_id: pro.id });
    await moveClock('2027-04-11T00:00:00Z');
    const changed = await api().post(`/v1/subscriptions/${upgraded.id}/change`).set(auth).send({ plan_id: pro.id });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      plan_id: pro.id,
      current_period_start: '2027-04-01T00:00:00.000Z',
      current_period_end: '2027-05-01T00:00:00.000Z',
    });
    expect(await billed(upgraded.id)).toEqual([
      ['period_started', 3000, '2027-04-01', '2027-05-01'],
      ['proration_credit', -2000, '2027-04-11', '2027-05-01'],
      ['proration_charge', 6000, '2027-04-11', '2027-05-01'],
    ]);
  });

  it('shows an end_of_period downgrade as pending_change and applies it at the renewal', async () => {
    const scheduled = await api()
      .post(`/v1/subscriptions/${downgraded.id}/change`)
      .set(auth)
      .send({ plan_code: basic.code, timing: 'end_of_period' });
    expect(scheduled.body).toMatchObject({
      plan_id: pro.id,
      pending_change: { plan_id: basic.id, effective_at: '2027-05-01T00:00:00.000Z' },
    });
    await moveClock('2027-05-01T00:00:00Z');
    expect(await get(downgraded.id)).toMatchObject({
      plan_id: basic.id,
      pending_change: null,
      current_period_end: '2027-06-01T00:00:00.000Z',
    });
    expect(await billed(downgraded.id)).toEqual([
      ['period_started', 9000, '2027-04-01', '2027-05-01'],
      ['period_started', 3000, '2027-05-01', '2027-06-01'],
    ]);
  });

  it('cancels immediately crediting the unused days, and at period end billing nothing more', async () => {
    await moveClock('2027-05-11T00:00:00Z');
    const now = await api().post(`/v1/subscriptions/${upgraded.id}/cancel`).set(auth).send({ timing: 'immediate' });
    expect(now.body).toMatchObject({ status: 'canceled', ended_at: '2027-05-11T00:00:00.000Z' });
    // 21 of May's 31 days unused at 90.00: 9000 × 21/31 = 6096.77, rounded once.
    expect((await billed(upgraded.id)).slice(-1)).toEqual([['proration_credit', -6097, '2027-05-11', '2027-06-01']]);

    const later = await api().post(`/v1/subscriptions/${downgraded.id}/cancel`).set(auth).send({});
    expect(later.body).toMatchObject({ status: 'active', cancel_at_period_end: true, canceled_at: '2027-05-11T00:00:00.000Z' });
    await moveClock('2027-07-01T00:00:00Z');
    expect(await get(downgraded.id)).toMatchObject({ status: 'canceled', ended_at: '2027-06-01T00:00:00.000Z' });
    expect((await billed(downgraded.id)).length).toBe(2);

    const again = await api().post(`/v1/subscriptions/${downgraded.id}/cancel`).set(auth).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_state');
  });

  it('pauses (billing nothing while paused) and resumes on a new period billed at once', async () => {
    const paused = await subscribe({ account_id: (await account('USD')).id, plan_id: basic.id });
    await moveClock('2027-07-11T00:00:00Z');
    const pause = await api().post(`/v1/subscriptions/${paused.id}/pause`).set(auth).send({ timing: 'immediate' });
    expect(pause.body).toMatchObject({ status: 'paused', paused_at: '2027-07-11T00:00:00.000Z' });
    await moveClock('2027-09-05T00:00:00Z');
    const resume = await api().post(`/v1/subscriptions/${paused.id}/resume`).set(auth).send();
    expect(resume.body).toMatchObject({
      status: 'active',
      current_period_start: '2027-09-05T00:00:00.000Z',
      current_period_end: '2027-10-05T00:00:00.000Z',
    });
    expect(await billed(paused.id)).toEqual([
      ['period_started', 3000, '2027-07-01', '2027-08-01'],
      ['proration_credit', -2032, '2027-07-11', '2027-08-01'], // 3000 × 21/31
      ['period_started', 3000, '2027-09-05', '2027-10-05'],
    ]);
    const events = (await api().get('/v1/events?type=subscription.paused').set(auth)).body.data;
    expect(events.some((event: { data: { object: { id: string } } }) => event.data.object.id === paused.id)).toBe(true);
  });

  it('turns a 14-day trial active, warning three days before it ends', async () => {
    await moveClock('2027-10-01T00:00:00Z');
    const trial = await subscribe({ account_id: (await account('USD')).id, plan_id: basic.id, trial_days: 14 });
    expect(trial).toMatchObject({
      status: 'trialing',
      trial_end: '2027-10-15T00:00:00.000Z',
      current_period_start: '2027-10-01T00:00:00.000Z',
      current_period_end: '2027-10-15T00:00:00.000Z',
    });
    expect(await billed(trial.id)).toEqual([]);
    await moveClock('2027-10-12T00:00:00Z');
    const warnings = (await api().get('/v1/events?type=subscription.trial_will_end').set(auth)).body.data;
    expect(warnings.map((event: { data: { object: { id: string } } }) => event.data.object.id)).toContain(trial.id);
    expect((await get(trial.id)).status).toBe('trialing');
    await moveClock('2027-10-15T00:00:00Z');
    expect(await get(trial.id)).toMatchObject({ status: 'active', current_period_end: '2027-11-15T00:00:00.000Z' });
    expect(await billed(trial.id)).toEqual([['period_started', 3000, '2027-10-15', '2027-11-15']]);
  });

  it('renews a Jan 31 anchor through a leap February, one fee per period', async () => {
    await moveClock('2028-01-31T00:00:00Z');
    const leap = await subscribe({ account_id: (await account('USD')).id, plan_id: basic.id });
    await moveClock('2028-04-01T00:00:00Z');
    expect(await billed(leap.id)).toEqual([
      ['period_started', 3000, '2028-01-31', '2028-02-29'],
      ['period_started', 3000, '2028-02-29', '2028-03-31'],
      ['period_started', 3000, '2028-03-31', '2028-04-30'],
    ]);
    await moveClock('2028-04-01T00:00:00Z');
    expect((await billed(leap.id)).length).toBe(3);
  });

  it('answers 404 for an unknown subscription and 422 for a start in the past', async () => {
    expect((await api().get('/v1/subscriptions/sub_missing').set(auth)).status).toBe(404);
    const past = await api()
      .post('/v1/subscriptions')
      .set(auth)
      .send({ account_id: (await account('USD')).id, plan_id: basic.id, start_at: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(422);
    expect(past.body.errors[0].field).toBe('start_at');
  });
});
