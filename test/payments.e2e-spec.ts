import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { billingApi } from './support/billing-api';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

/** Payments on the built-in sandbox (no STRIPE_SECRET_KEY), in billing-time order: the test clock only moves forward. */
describe('Payments on the sandbox', () => {
  let platform: TestPlatform;
  const { api, moveClock, settle, customer, subscribe, paymentsOf, eventTypes } = billingApi(() => platform, 'pay-plan');

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    await moveClock(new Date('2027-05-01T00:00:00Z'));
    await api()
      .post('/v1/plans')
      .set(auth)
      .send({ code: 'pay-plan', name: 'Plan', interval: 'month', prices: [{ currency: 'USD', amount: 4900 }] })
      .expect(201);
  });
  afterAll(() => platform.close());

  it('pays the first invoice of a pm_card_visa account at subscription, with payment.succeeded and invoice.paid', async () => {
    const account = await customer('pm_card_visa');
    const methods = (await api().get(`/v1/accounts/${account.id}/payment-methods`).set(auth)).body.data;
    expect(methods).toEqual([expect.objectContaining({ brand: 'visa', last4: '4242', default: true })]);

    const invoice = await subscribe(account.id);

    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 4900, amount_remaining: 0 });
    const [payment] = await paymentsOf(invoice.id);
    expect(payment).toMatchObject({ status: 'succeeded', provider: 'sandbox', amount: 4900, attempt: 1, failure_code: null });
    expect(await eventTypes(payment.id)).toEqual(['payment.succeeded']);
    expect(await eventTypes(invoice.id)).toContain('invoice.paid');
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
    ['pm_card_authenticationRequired', 'authentication_required'],
  ])('leaves the invoice open with a failed payment for %s (%s), with invoice.payment_failed', async (token, code) => {
    const account = await customer(token);
    const invoice = await subscribe(account.id);

    expect(invoice).toMatchObject({ status: 'open', amount_remaining: 4900 });
    const [payment] = await paymentsOf(invoice.id);
    expect(payment).toMatchObject({ status: 'failed', failure_code: code, attempt: 1 });
    expect(await eventTypes(payment.id)).toEqual(['payment.failed']);
    expect(await eventTypes(invoice.id)).toContain('invoice.payment_failed');
  });

  it('leaves the invoice of an account without a payment method open, and a new default card pays it at once', async () => {
    const account = await customer();
    const invoice = await subscribe(account.id);
    expect(invoice.status).toBe('open');
    expect(await paymentsOf(invoice.id)).toEqual([]);

    const refused = await api().post(`/v1/invoices/${invoice.id}/pay`).set(auth).send({});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('no_payment_method');
    expect(await paymentsOf(invoice.id)).toEqual([]);

    await api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_mastercard' });

    expect((await api().get(`/v1/invoices/${invoice.id}`).set(auth)).body).toMatchObject({ status: 'paid', amount_remaining: 0 });
    expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ status: 'succeeded', attempt: 1 })]);
    const again = await api().post(`/v1/invoices/${invoice.id}/pay`).set(auth).send({});
    expect(again.status).toBe(409);
  });

  it('retries a declined invoice as attempt 2 as soon as a new default card is attached', async () => {
    const account = await customer('pm_card_chargeDeclined');
    const invoice = await subscribe(account.id);
    await api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_visa', default: true });

    expect((await api().get(`/v1/invoices/${invoice.id}`).set(auth)).body.status).toBe('paid');
    expect((await paymentsOf(invoice.id)).map((payment) => [payment.attempt, payment.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
  });

  it('charges once when 20 concurrent /pay calls race the collection of a newly attached card', async () => {
    const account = await customer();
    const invoice = await subscribe(account.id);

    const [attached, ...answers] = await Promise.all([
      api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_visa' }),
      ...Array.from({ length: 20 }, () => api().post(`/v1/invoices/${invoice.id}/pay`).set(auth).send({})),
    ]);

    expect(attached.status).toBe(201);
    // Before the card: 422 no_payment_method; after: one charge wins, the others find it in progress or paid.
    expect(answers.every((answer) => [200, 409, 422].includes(answer.status))).toBe(true);
    expect((await api().get(`/v1/invoices/${invoice.id}`).set(auth)).body.status).toBe('paid');
    expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ status: 'succeeded' })]);
  });

  it('refunds in part, then the rest, never beyond the payment, with payment.refunded', async () => {
    const account = await customer('pm_card_visa');
    const invoice = await subscribe(account.id);
    const [payment] = await paymentsOf(invoice.id);

    const partial = await api().post(`/v1/payments/${payment.id}/refund`).set(auth).send({ amount: 900 });
    expect(partial.status).toBe(200);
    expect(partial.body.refunded_amount).toBe(900);

    const beyond = await api().post(`/v1/payments/${payment.id}/refund`).set(auth).send({ amount: 4001 });
    expect(beyond.status).toBe(422);
    expect(beyond.body.code).toBe('refund_exceeds_payment');
    expect((await api().get(`/v1/payments/${payment.id}`).set(auth)).body.refunded_amount).toBe(900);

    const rest = await api().post(`/v1/payments/${payment.id}/refund`).set(auth).send({});
    expect(rest.body.refunded_amount).toBe(4900);
    expect(await eventTypes(payment.id)).toEqual(['payment.refunded', 'payment.refunded', 'payment.succeeded']);
  });

  it('records a payment made out of band as manual, and refuses to pay a paid or void invoice', async () => {
    const account = await customer();
    const invoice = await subscribe(account.id);

    const paid = await api().post(`/v1/invoices/${invoice.id}/pay`).set(auth).send({ paid_out_of_band: true });
    expect(paid.body.status).toBe('paid');
    expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ provider: 'manual', status: 'succeeded' })]);

    const other = await subscribe((await customer()).id);
    expect((await api().post(`/v1/invoices/${other.id}/void`).set(auth).send({})).status).toBe(200);
    const voided = await api().post(`/v1/invoices/${other.id}/pay`).set(auth).send({ paid_out_of_band: true });
    expect(voided.status).toBe(409);
    expect(await paymentsOf(other.id)).toEqual([]);
  });

  it('refuses an unknown token with 422 and a payment method of another account with 404, changing nothing', async () => {
    const account = await customer();
    const unknown = await api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_nonsense' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'provider_token' })]);

    const owner = await customer('pm_card_visa');
    const [method] = (await api().get(`/v1/accounts/${owner.id}/payment-methods`).set(auth)).body.data;
    const foreign = await api().delete(`/v1/accounts/${account.id}/payment-methods/${method.id}`).set(auth);
    expect(foreign.status).toBe(404);
    expect((await api().get(`/v1/accounts/${owner.id}/payment-methods`).set(auth)).body.data).toHaveLength(1);
    expect((await api().get(`/v1/accounts/${account.id}/payment-methods`).set(auth)).body.data).toEqual([]);

    const detached = await api().delete(`/v1/accounts/${owner.id}/payment-methods/${method.id}`).set(auth);
    expect(detached.status).toBe(200);
    expect((await api().get(`/v1/accounts/${owner.id}/payment-methods`).set(auth)).body.data).toEqual([]);
  });

  it('refunds a paid invoice through the provider with a refund credit note, never beyond what was paid', async () => {
    const account = await customer('pm_card_visa');
    const invoice = await subscribe(account.id);
    const [payment] = await paymentsOf(invoice.id);

    const note = await api().post('/v1/credit-notes').set(auth).send({ invoice_id: invoice.id, amount: 1500, refund: true });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ refund: true, applied_to: 'refund', total: 1500 });
    await settle();

    expect((await api().get(`/v1/payments/${payment.id}`).set(auth)).body.refunded_amount).toBe(1500);
    expect(await eventTypes(payment.id)).toEqual(['payment.refunded', 'payment.succeeded']);
    expect((await api().get(`/v1/accounts/${account.id}`).set(auth)).body.credit_balance).toBe(0);

    const beyond = await api().post('/v1/credit-notes').set(auth).send({ invoice_id: invoice.id, amount: 3401, refund: true });
    expect(beyond.status).toBe(422);
    expect(beyond.body.errors).toEqual([expect.objectContaining({ field: 'amount' })]);
    await settle();
    expect((await api().get(`/v1/payments/${payment.id}`).set(auth)).body.refunded_amount).toBe(1500);
  });
});
