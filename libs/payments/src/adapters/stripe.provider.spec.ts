import { startStripeServer, StripeServer } from '@billing/testing';
import { idempotencyKeys } from '../domain/idempotency-keys';
import { ChargeParams } from '../domain/payment-provider';
import { PaymentProviderFault, PaymentProviderUnavailable } from '../domain/payment.errors';
import { StripePaymentProvider } from './stripe.provider';

/**
 * The Stripe adapter through the real SDK against the local Stripe server: what goes on the wire, and what
 * each kind of failure means. The behaviour shared with the sandbox is in payment-provider.contract.spec.ts.
 */
describe(StripePaymentProvider.name, () => {
  let server: StripeServer;
  let provider: StripePaymentProvider;
  let sequence = 0;

  beforeAll(async () => {
    server = await startStripeServer();
    provider = new StripePaymentProvider({ secretKey: server.secretKey, apiBase: server.url });
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  // Whatever a test did: every POST carried one of our keys, never one the SDK made up (`stripe-node-retry-…`).
  afterEach(() => {
    const posts = server.requests.filter((request) => request.method === 'POST');
    for (const post of posts) expect(post.idempotencyKey).toMatch(/^(customer|pm_attach|payment|refund)_/);
  });

  async function customerWith(token: string) {
    const accountId = `acct_stripe${++sequence}`;
    const { customerId } = await provider.createCustomer(
      { accountId, email: 'billing@acme.test', name: 'Acme' },
      idempotencyKeys.customer(accountId),
    );
    const method = await provider.attachPaymentMethod(customerId, token, idempotencyKeys.paymentMethodAttach(accountId, token));
    const paymentId = `pay_stripe${sequence}`;
    const params: ChargeParams = {
      paymentId,
      invoiceId: `inv_stripe${sequence}`,
      amount: 1999,
      currency: 'EUR',
      customerId,
      paymentMethodId: method.id,
    };
    return { accountId, customerId, method, params, key: idempotencyKeys.payment(paymentId) };
  }

  const intents = () => [...server.store.paymentIntents.values()];

  it('creates the customer and attaches and reads a card with one request each, keyed by our ids', async () => {
    const { accountId, customerId, method } = await customerWith('pm_card_visa');
    expect(await provider.getPaymentMethod(method.id)).toEqual(method);

    expect(server.requests.map((request) => [request.method, request.path, request.idempotencyKey])).toEqual([
      ['POST', '/v1/customers', `customer_${accountId}`],
      ['POST', '/v1/payment_methods/pm_card_visa/attach', `pm_attach_${accountId}_pm_card_visa`],
      ['GET', `/v1/payment_methods/${method.id}`, null],
    ]);
    expect(server.requests[0].params).toEqual({ name: 'Acme', email: 'billing@acme.test', metadata: { account_id: accountId } });
    expect(server.requests[1].params).toEqual({ customer: customerId });
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${server.secretKey}`);
    expect(server.store.paymentMethods.get(method.id)).toMatchObject({ customer: customerId, card: { brand: 'visa', last4: '4242' } });
  });

  it('charges with one confirmed off-session PaymentIntent carrying our payment and invoice ids', async () => {
    const { customerId, method, params, key } = await customerWith('pm_card_visa');
    const outcome = await provider.charge(params, key);

    const [intent] = intents();
    expect(outcome).toEqual({ status: 'succeeded', providerPaymentId: intent.id, providerChargeId: intent.latest_charge });
    const [request] = server.requestsTo('POST /v1/payment_intents');
    expect(request.idempotencyKey).toBe(key);
    expect(request.params).toMatchObject({
      amount: '1999',
      currency: 'eur',
      customer: customerId,
      payment_method: method.id,
      confirm: 'true',
      off_session: 'true',
      metadata: { payment_id: params.paymentId, invoice_id: params.invoiceId },
    });
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined', 'Your card was declined.'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds', 'Your card has insufficient funds.'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'Your card has expired.'],
    ['pm_card_authenticationRequired', 'authentication_required', 'Your card was declined. This transaction requires authentication.'],
  ])('maps the 402 card error of %s to failed %s, with the PaymentIntent it left', async (token, failureCode, failureMessage) => {
    const { params, key } = await customerWith(token);
    const outcome = await provider.charge(params, key);

    const [intent] = intents();
    expect(outcome).toEqual({ status: 'failed', providerPaymentId: intent.id, failureCode, failureMessage });
    expect(intent.status).toBe('requires_payment_method');
    expect(server.requestsTo('POST /v1/payment_intents').map((request) => request.outcome)).toEqual([402]);
  });

  it('maps an issuer decline code injected on a good card (do_not_honor) to that code', async () => {
    const { method, params, key } = await customerWith('pm_card_visa');
    server.declinePaymentMethod(method.id, { code: 'card_declined', decline_code: 'do_not_honor', message: 'Your card was declined.' });
    expect(await provider.charge(params, key)).toMatchObject({ status: 'failed', failureCode: 'do_not_honor' });
  });

  it('retries a 500 with the same key, and a charge that gets through is made once', async () => {
    const { params, key } = await customerWith('pm_card_visa');
    server.failNext('POST /v1/payment_intents', 1);
    expect(await provider.charge(params, key)).toMatchObject({ status: 'succeeded' });
    expect(server.requestsTo('POST /v1/payment_intents').map((request) => [request.idempotencyKey, request.outcome])).toEqual([
      [key, 500],
      [key, 200],
    ]);
    expect(intents()).toHaveLength(1);
  });

  it('answers ambiguous, never failed, after three 500s (the first attempt and two retries)', async () => {
    const { params, key } = await customerWith('pm_card_visa');
    server.failNext('POST /v1/payment_intents', 3);
    expect(await provider.charge(params, key)).toMatchObject({ status: 'ambiguous', reason: 'provider_error', providerPaymentId: null });
    expect(server.requestsTo('POST /v1/payment_intents').map((request) => [request.idempotencyKey, request.outcome])).toEqual([
      [key, 500],
      [key, 500],
      [key, 500],
    ]);
  });

  it('answers ambiguous (rate_limited) to a 429', async () => {
    const { params, key } = await customerWith('pm_card_visa');
    server.failNext('POST /v1/payment_intents', 3, { status: 429, code: 'rate_limit', message: 'Too many requests.' });
    expect(await provider.charge(params, key)).toMatchObject({ status: 'ambiguous', reason: 'rate_limited' });
  });

  it('answers ambiguous when the connection drops after Stripe made the charge; findCharge then finds the one PaymentIntent', async () => {
    const { params, key } = await customerWith('pm_card_visa');
    server.dropNext('POST /v1/payment_intents', 3);
    const outcome = await provider.charge(params, key);

    expect(outcome).toMatchObject({ status: 'ambiguous', reason: 'network', providerPaymentId: null });
    // The SDK tried three times with our key: Stripe made one PaymentIntent and replayed it twice, unheard.
    expect(
      server.requestsTo('POST /v1/payment_intents').map((request) => [request.idempotencyKey, request.outcome, request.replayed]),
    ).toEqual([
      [key, 'dropped', false],
      [key, 'dropped', true],
      [key, 'dropped', true],
    ]);
    const [intent] = intents();
    expect(intents()).toHaveLength(1);

    const found = await provider.findCharge({ paymentId: params.paymentId });
    expect(found).toEqual({ status: 'succeeded', providerPaymentId: intent.id, providerChargeId: intent.latest_charge });
    const [search] = server.requestsTo('GET /v1/payment_intents/search');
    expect(search.params).toEqual({ query: `metadata['payment_id']:'${params.paymentId}'` });
    expect(await provider.findCharge({ paymentId: params.paymentId, providerPaymentId: intent.id })).toEqual(found);
    expect(server.requestsTo('GET /v1/payment_intents/:id')).toHaveLength(1);

    // The job's retry with the same key makes no second PaymentIntent: Stripe answers the first.
    expect(await provider.charge(params, key)).toEqual(found);
    expect(intents()).toHaveLength(1);
    expect(server.requestsTo('POST /v1/payment_intents').at(-1)).toMatchObject({ outcome: 200, replayed: true });
  });

  it('answers ambiguous (timeout) to a slow Stripe, and the charge it made is found once it answers', async () => {
    const impatient = new StripePaymentProvider({ secretKey: server.secretKey, apiBase: server.url, timeoutMs: 200 });
    const { params, key } = await customerWith('pm_card_visa');
    // Every attempt answered after 3 s: the first one charges; its retries find the key in use (409), unheard too.
    server.delayNext('POST /v1/payment_intents', 3000, 3);
    expect(await impatient.charge(params, key)).toMatchObject({ status: 'ambiguous', reason: 'timeout' });
    expect(server.requestsTo('POST /v1/payment_intents')).toHaveLength(3);
    expect(intents()).toHaveLength(1);

    expect(await impatient.findCharge({ paymentId: params.paymentId })).toMatchObject({
      status: 'succeeded',
      providerPaymentId: intents()[0].id,
    });
    await waitFor(() => server.requestsTo('POST /v1/payment_intents').every((request) => request.outcome !== undefined), 8000);
    expect(await impatient.charge(params, key)).toMatchObject({ status: 'succeeded', providerPaymentId: intents()[0].id });
    expect(intents()).toHaveLength(1);
  });

  it('finds a declined charge as failed, by its PaymentIntent id', async () => {
    const { params, key } = await customerWith('pm_card_chargeDeclinedInsufficientFunds');
    const outcome = await provider.charge(params, key);
    expect(await provider.findCharge({ paymentId: params.paymentId, providerPaymentId: outcome.providerPaymentId })).toEqual(outcome);
  });

  it('answers not_found when neither the PaymentIntent id nor the search knows the payment', async () => {
    expect(await provider.findCharge({ paymentId: 'pay_unknown', providerPaymentId: 'pi_unknown' })).toEqual({ status: 'not_found' });
    expect(server.requests.map((request) => request.endpoint)).toEqual(['GET /v1/payment_intents/:id', 'GET /v1/payment_intents/search']);
  });

  it('refunds part, then the rest, with our refund id as key and metadata', async () => {
    const { params, key } = await customerWith('pm_card_visa');
    const charge = await provider.charge({ ...params, amount: 5000 }, key);
    if (charge.status !== 'succeeded') throw new Error(charge.status);
    const refund = (refundId: string, amount: number) =>
      provider.refund({ providerPaymentId: charge.providerPaymentId, amount, currency: 'EUR', refundId }, idempotencyKeys.refund(refundId));

    expect(await refund('rf_first', 1500)).toMatchObject({ status: 'succeeded' });
    expect(await refund('rf_second', 3500)).toMatchObject({ status: 'succeeded' });
    expect(server.requestsTo('POST /v1/refunds').map((request) => [request.idempotencyKey, request.params])).toEqual([
      ['refund_rf_first', { payment_intent: charge.providerPaymentId, amount: '1500', metadata: { refund_id: 'rf_first' } }],
      ['refund_rf_second', { payment_intent: charge.providerPaymentId, amount: '3500', metadata: { refund_id: 'rf_second' } }],
    ]);
    expect([...server.store.refunds.values()].map((stored) => stored.amount)).toEqual([1500, 3500]);
  });

  it('answers ambiguous to a refund whose connection dropped, and the same key then answers the refund made', async () => {
    const { params, key } = await customerWith('pm_card_visa');
    const charge = await provider.charge(params, key);
    if (charge.status !== 'succeeded') throw new Error(charge.status);
    const refund = () =>
      provider.refund(
        { providerPaymentId: charge.providerPaymentId, amount: 1999, currency: 'EUR', refundId: 'rf_drop' },
        'refund_rf_drop',
      );
    server.dropNext('POST /v1/refunds', 3);
    expect(await refund()).toMatchObject({ status: 'ambiguous', reason: 'network' });
    expect(await refund()).toEqual({ status: 'succeeded', providerRefundId: [...server.store.refunds.keys()][0] });
    expect(server.store.refunds.size).toBe(1);
  });

  it.each([
    ['ISK', 500, '50000', 'ISK is two-decimal at Stripe'],
    ['JPY', 500, '500', 'zero-decimal alike'],
    ['KWD', 1230, '1230', 'three decimals, in tens'],
  ])('sends %s %s as amount %s (%s)', async (currency, amount, sent) => {
    const { params, key } = await customerWith('pm_card_visa');
    await provider.charge({ ...params, currency, amount }, key);
    expect(server.requestsTo('POST /v1/payment_intents')[0].params).toMatchObject({ amount: sent, currency: currency.toLowerCase() });
  });

  it('throws PaymentProviderUnavailable, safe to retry with the key, when a customer cannot be created', async () => {
    server.failNext('POST /v1/customers', 3);
    const create = () => provider.createCustomer({ accountId: 'acct_down', email: null, name: 'Down' }, 'customer_acct_down');
    await expect(create()).rejects.toThrow(PaymentProviderUnavailable);
    await expect(create()).resolves.toMatchObject({ customerId: expect.stringMatching(/^cus_/) });
    expect(server.requestsTo('POST /v1/customers').every((request) => request.idempotencyKey === 'customer_acct_down')).toBe(true);
    expect(server.requests.filter((request) => request.method === 'POST').every((request) => request.params.email === undefined)).toBe(
      true,
    );
  });

  it('throws PaymentProviderFault for a secret key Stripe refuses, and charges nobody', async () => {
    const misconfigured = new StripePaymentProvider({ secretKey: 'sk_live_wrong', apiBase: server.url });
    const { params, key } = await customerWith('pm_card_visa');
    await expect(misconfigured.charge(params, key)).rejects.toMatchObject({
      name: PaymentProviderFault.name,
      code: 'provider_authentication_failed',
    });
    expect(intents()).toHaveLength(0);
  });

  it('throws PaymentProviderFault when a key is reused for another request', async () => {
    const { params, key } = await customerWith('pm_card_visa');
    await provider.charge(params, key);
    await expect(provider.charge({ ...params, invoiceId: 'inv_other' }, key)).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect(server.requestsTo('POST /v1/payment_intents').map((request) => request.outcome)).toEqual([200, 400]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
