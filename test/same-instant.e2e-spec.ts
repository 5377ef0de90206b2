import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

interface Invoice {
  id: string;
  total: number;
  amount_remaining: number;
  status: string;
  billing_reason: string;
  lines: { type: string; amount: number }[];
}

/**
 * Two billing actions on one subscription at the same instant (how everyone writes scenarios on the test
 * clock): each is invoiced, whether the scheduler picks them up together (one invoice) or apart (one each),
 * and the clock settles. Kill Bill's and Lago's scenarios of the same shape.
 */
describe('Billing actions at one instant', () => {
  let platform: TestPlatform;
  let sequence = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    await moveClock('2027-04-01T00:00:00Z');
    for (const [code, amount] of [
      ['basic', 3000],
      ['pro', 9000],
    ] as const) {
      await api()
        .post('/v1/plans')
        .set(auth)
        .send({ code, name: code, interval: 'month', prices: [{ currency: 'USD', amount }] });
    }
  });
  afterAll(() => platform.close());

  const api = () => request(platform.http);
  async function moveClock(iso: string) {
    const response = await api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 60 });
    expect(response.body).toMatchObject({ now: new Date(iso).toISOString(), pending_jobs: 0 });
  }
  const settle = async () => moveClock((await api().get('/v1/test/clock').set(auth)).body.now);
  const action = async (subscriptionId: string, verb: string, body: object) => {
    const response = await api().post(`/v1/subscriptions/${subscriptionId}/${verb}`).set(auth).send(body);
    expect(response.status).toBe(200);
    return response.body;
  };
  async function subscribe(plan = 'basic', { card = false } = {}) {
    const account = await api()
      .post('/v1/accounts')
      .set(auth)
      .send({ name: `Same ${++sequence}`, email: 's@x.test', currency: 'USD' });
    // A customer who pays: an invoice left unpaid for a month would be dunning's (blocked at 14 days, canceled at 30).
    if (card)
      await api().post(`/v1/accounts/${account.body.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_visa' }).expect(201);
    const subscription = await api().post('/v1/subscriptions').set(auth).send({ account_id: account.body.id, plan_code: plan });
    expect(subscription.status).toBe(201);
    return { accountId: account.body.id as string, id: subscription.body.id as string };
  }
  const invoicesOf = async (subscriptionId: string) =>
    ((await api().get(`/v1/invoices?subscription_id=${subscriptionId}&limit=100`).set(auth)).body.data as Invoice[]).reverse();
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const balanceOf = async (accountId: string) => (await api().get(`/v1/accounts/${accountId}`).set(auth)).body.credit_balance;

  it.each([
    // Whether the scheduler invoices the start before the cancel arrives is a race: one invoice or two.
    ['back to back', false, [1, 2]],
    ['invoiced apart', true, [2]],
  ])('create then cancel with proration nets to nothing owed (%s)', async (_case, apart, counts) => {
    const { id, accountId } = await subscribe();
    if (apart) await settle();
    await action(id, 'cancel', { timing: 'immediate', proration: 'prorate' });
    await settle();
    const invoices = await invoicesOf(id);
    expect(counts).toContain(invoices.length);
    expect(sum(invoices.map((invoice) => invoice.total))).toBe(0);
    expect(sum(invoices.map((invoice) => invoice.amount_remaining))).toBe(0);
    expect(await balanceOf(accountId)).toBe(0);
  });

  it('changes A → B → A at one instant mid-period: the round trip nets to 0', async () => {
    const { id, accountId } = await subscribe();
    await settle();
    await moveClock('2027-04-11T00:00:00Z');
    await action(id, 'change', { plan_code: 'pro' });
    await settle();
    await action(id, 'change', { plan_code: 'basic' });
    await settle();
    const [first, ...changes] = await invoicesOf(id);
    expect(first.total).toBe(3000);
    expect(changes).toHaveLength(2);
    expect(sum(changes.map((invoice) => invoice.total))).toBe(0);
    // The B → A credit goes straight to what is still open.
    expect(sum([first, ...changes].map((invoice) => invoice.amount_remaining))).toBe(3000);
    expect(await balanceOf(accountId)).toBe(0);
  });

  it('changes plan at the renewal instant: the new plan is billed for the whole new period, the old one credited', async () => {
    const { id } = await subscribe('basic', { card: true });
    const unrelated = await subscribe('basic', { card: true });
    // Both started on Apr 11 (the previous scenario moved the clock there): they renew on May 11.
    await moveClock('2027-05-11T00:00:00Z');
    await action(id, 'change', { plan_code: 'pro' });
    await settle();
    const invoices = await invoicesOf(id);
    expect(invoices.map((invoice) => [invoice.billing_reason, invoice.total])).toEqual([
      ['subscription_cycle', 3000],
      ['subscription_cycle', 3000],
      ['subscription_update', 9000 - 3000],
    ]);
    const renewed = await invoicesOf(unrelated.id);
    expect(renewed.map((invoice) => invoice.total)).toEqual([3000, 3000]);
  });

  it('creates, pauses and resumes at one instant: one fee for the new period, nothing stuck', async () => {
    const { id, accountId } = await subscribe();
    await action(id, 'pause', { timing: 'immediate' });
    const resumed = await action(id, 'resume', {});
    expect(resumed.status).toBe('active');
    await settle();
    const invoices = await invoicesOf(id);
    expect(sum(invoices.map((invoice) => invoice.total))).toBe(3000);
    expect(sum(invoices.map((invoice) => invoice.amount_remaining))).toBe(3000);
    expect(await balanceOf(accountId)).toBe(0);
  });
});
