import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const START = Date.parse('2027-03-01T00:00:00Z');
const day = (n: number) => new Date(START + n * 86_400_000).toISOString();

interface Event {
  type: string;
  data: { object: { id: string; overdue_state?: string; previous_overdue_state?: string } };
}

/**
 * Dunning on the test clock (docs/api.md, Payments and dunning), with the policy: retries on days 1
 * and 3 after the due date, notify on day 5, block on day 10, cancel on day 20. Accounts subscribe on day 0
 * (invoices due at once, net terms 0) with a card that declines; the clock only moves forward, so the tests
 * follow one timeline.
 */
describe('Dunning', () => {
  let platform: TestPlatform;
  let sequence = 0;
  const api = () => request(platform.http);

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    await moveClock(day(0));
    await api()
      .post('/v1/plans')
      .set(auth)
      .send({ code: 'dunning-plan', name: 'Plan', interval: 'month', prices: [{ currency: 'USD', amount: 3100 }] })
      .expect(201);
  });
  afterAll(() => platform.close());

  async function moveClock(now: string) {
    const response = await api().post('/v1/test/clock').set(auth).send({ now, timeout_seconds: 60 });
    expect(response.status).toBe(200);
  }
  const customer = async (token: string) => {
    const account = (
      await api()
        .post('/v1/accounts')
        .set(auth)
        .send({ name: `Customer ${++sequence}`, email: 'c@x.test', currency: 'USD' })
        .expect(201)
    ).body as { id: string };
    await api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: token }).expect(201);
    return account;
  };
  const subscribe = async (accountId: string) =>
    (await api().post('/v1/subscriptions').set(auth).send({ account_id: accountId, plan_code: 'dunning-plan' }).expect(201)).body as {
      id: string;
    };
  const get = async (path: string) => (await api().get(path).set(auth).expect(200)).body;
  const attempts = async (invoiceId: string) =>
    ((await get(`/v1/payments?invoice_id=${invoiceId}`)).data as { attempt: number; status: string; created_at: string }[])
      .reverse()
      .map((payment) => [payment.attempt, payment.status, payment.created_at]);
  const eventsOf = async (type: string, resourceId: string) =>
    ((await get(`/v1/events?type=${type}&limit=100`)).data as Event[]).filter((event) => event.data.object.id === resourceId);
  const invoicesOf = async (accountId: string) =>
    (await get(`/v1/invoices?account_id=${accountId}`)).data as {
      id: string;
      status: string;
      subscription_id: string;
      period_start: string;
      amount_remaining: number;
    }[];

  let declining: { id: string };
  let declined: { id: string };
  let declinedSubscription: { id: string };
  let paying: { id: string };
  let payingSubscription: { id: string };
  let pausedByPerson: { id: string };

  it('rejects incoherent policies with 422 naming the field, and keeps the policy unchanged', async () => {
    const before = await get('/v1/dunning-policy');
    const cases: [object, string][] = [
      [{ retry_schedule_days: [3, 1], steps: [] }, 'retry_schedule_days[1]'],
      [{ retry_schedule_days: [400], steps: [] }, 'retry_schedule_days'],
      [{ retry_schedule_days: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], steps: [] }, 'retry_schedule_days'],
      [
        {
          retry_schedule_days: [],
          steps: [
            { after_days: 5, action: 'cancel' },
            { after_days: 9, action: 'block' },
          ],
        },
        'steps[0].action',
      ],
      [
        {
          retry_schedule_days: [],
          steps: [
            { after_days: 9, action: 'notify' },
            { after_days: 5, action: 'block' },
          ],
        },
        'steps[1].after_days',
      ],
      [
        {
          retry_schedule_days: [],
          steps: [
            { after_days: 1, action: 'notify' },
            { after_days: 2, action: 'notify' },
          ],
        },
        'steps[1].action',
      ],
      [{ retry_schedule_days: [], steps: [{ after_days: 1, action: 'suspend' }] }, 'steps[0].action'],
    ];
    for (const [policy, field] of cases) {
      const response = await api().put('/v1/dunning-policy').set(auth).send(policy);
      expect(response.status).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContainEqual(expect.stringContaining(field));
    }
    expect(await get('/v1/dunning-policy')).toEqual(before);
    expect(before.retry_schedule_days).toEqual([1, 3, 5, 7]);
  });

  it('takes the policy of the test', async () => {
    const policy = {
      retry_schedule_days: [1, 3],
      steps: [
        { after_days: 5, action: 'notify' },
        { after_days: 10, action: 'block' },
        { after_days: 20, action: 'cancel' },
      ],
    };
    const response = await api().put('/v1/dunning-policy').set(auth).send(policy);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject(policy);
  });

  it('tries a declining card at creation and retries it on due+1 and due+3 only', async () => {
    declining = await customer('pm_card_chargeDeclined');
    const subscription = await subscribe(declining.id);
    paying = await customer('pm_card_chargeDeclinedInsufficientFunds');
    payingSubscription = await subscribe(paying.id);
    pausedByPerson = await subscribe(paying.id);
    await moveClock(day(0));
    const [invoice] = await invoicesOf(declining.id);
    declined = invoice;
    declinedSubscription = subscription;

    for (const n of [1, 2, 3, 4]) await moveClock(day(n));

    expect(await attempts(invoice.id)).toEqual([
      [1, 'failed', day(0)],
      [2, 'failed', day(1)],
      [3, 'failed', day(3)],
    ]);
    expect(await eventsOf('invoice.overdue', invoice.id)).toHaveLength(1);
    expect((await get(`/v1/subscriptions/${subscription.id}`)).status).toBe('past_due');
    expect((await get(`/v1/accounts/${declining.id}`)).overdue_state).toBe('ok');
  });

  it('warns on due+5 with account.overdue_state_changed', async () => {
    await moveClock(day(5));

    expect((await get(`/v1/accounts/${declining.id}`)).overdue_state).toBe('warning');
    const changes = await eventsOf('account.overdue_state_changed', declining.id);
    expect(changes.map((event) => [event.data.object.previous_overdue_state, event.data.object.overdue_state])).toEqual([
      ['ok', 'warning'],
    ]);
  });

  it('blocks on due+10: the subscription paused and a new subscription or change refused with 409 account_blocked', async () => {
    // A person pauses one of the paying account's subscriptions before the block: that pause is theirs.
    await api().post(`/v1/subscriptions/${pausedByPerson.id}/pause`).set(auth).send({ timing: 'immediate' }).expect(200);
    await moveClock(day(10));

    expect((await get(`/v1/accounts/${declining.id}`)).overdue_state).toBe('blocked');
    expect((await get(`/v1/subscriptions/${declinedSubscription.id}`)).status).toBe('paused');
    const refused = await api().post('/v1/subscriptions').set(auth).send({ account_id: declining.id, plan_code: 'dunning-plan' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('account_blocked');
    const change = await api().post(`/v1/subscriptions/${declinedSubscription.id}/resume`).set(auth).send({});
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('account_blocked');
    expect((await get(`/v1/accounts/${paying.id}`)).overdue_state).toBe('blocked');
  });

  it("returns an account that pays while blocked to ok: what dunning paused resumes, a person's pause stays", async () => {
    await moveClock(day(12));
    await api()
      .post(`/v1/accounts/${paying.id}/payment-methods`)
      .set(auth)
      .send({ provider_token: 'pm_card_visa', default: true })
      .expect(201);
    await moveClock(day(12));

    expect((await invoicesOf(paying.id)).filter((invoice) => invoice.status === 'open')).toEqual([]);
    expect((await get(`/v1/accounts/${paying.id}`)).overdue_state).toBe('ok');
    const changes = await eventsOf('account.overdue_state_changed', paying.id);
    expect(changes.map((event) => event.data.object.overdue_state).reverse()).toEqual(['warning', 'blocked', 'ok']);
    const resumed = await get(`/v1/subscriptions/${payingSubscription.id}`);
    expect(resumed).toMatchObject({ status: 'active', current_period_start: day(12) });
    expect((await get(`/v1/subscriptions/${pausedByPerson.id}`)).status).toBe('paused');
  });

  it('cancels on due+20: the subscription canceled and the invoice uncollectible, each step once', async () => {
    await moveClock(day(20));
    await moveClock(day(21));

    expect((await get(`/v1/accounts/${declining.id}`)).overdue_state).toBe('cancelled');
    expect((await get(`/v1/subscriptions/${declinedSubscription.id}`)).status).toBe('canceled');
    expect((await get(`/v1/invoices/${declined.id}`)).status).toBe('uncollectible');
    const changes = await eventsOf('account.overdue_state_changed', declining.id);
    expect(changes.map((event) => event.data.object.overdue_state).reverse()).toEqual(['warning', 'blocked', 'cancelled']);
    expect(await eventsOf('invoice.overdue', declined.id)).toHaveLength(1);
    expect((await attempts(declined.id)).map(([attempt]) => attempt)).toEqual([1, 2, 3]);
  });

  it('marks an open invoice uncollectible by hand, and answers 409 for a paid one', async () => {
    const account = await customer('pm_card_chargeDeclined');
    await subscribe(account.id);
    await moveClock(day(21));
    const [open] = await invoicesOf(account.id);

    const marked = await api().post(`/v1/invoices/${open.id}/mark-uncollectible`).set(auth).send({});
    expect(marked.status).toBe(200);
    expect(marked.body.status).toBe('uncollectible');
    expect(await eventsOf('invoice.marked_uncollectible', open.id)).toHaveLength(1);

    const paidAccount = await customer('pm_card_visa');
    await subscribe(paidAccount.id);
    await moveClock(day(21));
    const [paid] = await invoicesOf(paidAccount.id);
    expect(paid.status).toBe('paid');
    const refused = await api().post(`/v1/invoices/${paid.id}/mark-uncollectible`).set(auth).send({});
    expect(refused.status).toBe(409);
    expect((await get(`/v1/invoices/${paid.id}`)).status).toBe('paid');
  });

  it('renews the subscription dunning resumed a period later, paid by the new card', async () => {
    const resumed = await get(`/v1/subscriptions/${payingSubscription.id}`);
    await moveClock(new Date(Date.parse(resumed.current_period_end) + 60_000).toISOString());

    const renewals = (await invoicesOf(paying.id)).filter(
      (invoice) => invoice.subscription_id === payingSubscription.id && invoice.period_start === resumed.current_period_end,
    );
    expect(renewals).toEqual([expect.objectContaining({ status: 'paid', amount_remaining: 0 })]);
    expect((await get(`/v1/subscriptions/${payingSubscription.id}`)).status).toBe('active');
    expect((await get(`/v1/accounts/${paying.id}`)).overdue_state).toBe('ok');
  });
});
