import { TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

export interface Payment {
  id: string;
  invoice_id: string;
  status: string;
  provider: string;
  provider_payment_id: string | null;
  amount: number;
  attempt: number;
  failure_code: string | null;
  refunded_amount: number;
}

export interface Invoice {
  id: string;
  status: string;
  amount_paid: number;
  amount_remaining: number;
}

/**
 * What the payments tests do with a running platform over HTTP: accounts (with a card token or none), subscriptions
 * to `planCode` and their first invoice, payments, events and the test clock.
 */
export function billingApi(platform: () => TestPlatform, planCode: string) {
  let sequence = 0;
  const api = () => request(platform().http);
  const clockNow = async () => new Date((await api().get('/v1/test/clock').set(auth)).body.now as string);
  const moveClock = async (at: Date) => {
    const response = await api().post('/v1/test/clock').set(auth).send({ now: at.toISOString(), timeout_seconds: 90 });
    expect(response.status).toBe(200);
  };
  const settle = async () => moveClock(await clockNow());
  const customer = async (token?: string) => {
    const account = (
      await api()
        .post('/v1/accounts')
        .set(auth)
        .send({ name: `Customer ${++sequence}`, email: 'c@x.test', currency: 'USD' })
    ).body as { id: string };
    if (token) {
      const attached = await api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: token });
      expect(attached.status).toBe(201);
    }
    return account;
  };
  const startSubscription = async (accountId: string) => {
    const response = await api().post('/v1/subscriptions').set(auth).send({ account_id: accountId, plan_code: planCode });
    expect(response.status).toBe(201);
  };
  const invoiceOf = async (accountId: string) =>
    (await api().get(`/v1/invoices?account_id=${accountId}`).set(auth)).body.data[0] as Invoice | undefined;
  const subscribe = async (accountId: string) => {
    await startSubscription(accountId);
    await settle();
    return (await invoiceOf(accountId))!;
  };
  const invoice = async (id: string) => (await api().get(`/v1/invoices/${id}`).set(auth)).body as Invoice;
  const paymentsOf = async (invoiceId: string) =>
    (await api().get(`/v1/payments?invoice_id=${invoiceId}`).set(auth)).body.data.reverse() as Payment[];
  const eventTypes = async (resourceId: string) =>
    ((await api().get(`/v1/events?limit=100`).set(auth)).body.data as { type: string; data: { object: { id: string } } }[])
      .filter((event) => event.data.object.id === resourceId)
      .map((event) => event.type);
  return { api, clockNow, moveClock, settle, customer, startSubscription, invoiceOf, subscribe, invoice, paymentsOf, eventTypes };
}
