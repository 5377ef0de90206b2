import { startStripeServer, StripeServer } from '@billing/testing';
import { idempotencyKeys } from '../domain/idempotency-keys';
import { ChargeParams, PaymentProvider } from '../domain/payment-provider';
import { PaymentProviderFault, UnknownPaymentMethod } from '../domain/payment.errors';
import { SandboxPaymentProvider } from './sandbox.provider';
import { StripePaymentProvider } from './stripe.provider';

/**
 * What the platform relies on, checked on both providers alike: Stripe through the real SDK against the local
 * Stripe server, and the sandbox. A payment test written against one holds on the other.
 */
let server: StripeServer;
beforeAll(async () => {
  server = await startStripeServer();
});
afterAll(() => server.close());

const providers: [string, () => PaymentProvider][] = [
  ['stripe', () => new StripePaymentProvider({ secretKey: server.secretKey, apiBase: server.url })],
  ['sandbox', () => new SandboxPaymentProvider()],
];

describe.each(providers)('PaymentProvider contract: %s', (_, makeProvider) => {
  let provider: PaymentProvider;
  let sequence = 0;
  beforeEach(() => {
    provider = makeProvider();
  });

  /** A new account's customer with `token` attached, and a charge of 12.34 EUR on it. */
  async function chargeFor(token: string, overrides: Partial<ChargeParams> = {}) {
    const accountId = `acct_contract${++sequence}`;
    const { customerId } = await provider.createCustomer(
      { accountId, email: 'billing@acme.test', name: 'Acme' },
      idempotencyKeys.customer(accountId),
    );
    const method = await provider.attachPaymentMethod(customerId, token, idempotencyKeys.paymentMethodAttach(accountId, token));
    const params: ChargeParams = {
      paymentId: `pay_contract${sequence}`,
      invoiceId: `inv_contract${sequence}`,
      amount: 1234,
      currency: 'EUR',
      customerId,
      paymentMethodId: method.id,
      ...overrides,
    };
    return { method, params, key: idempotencyKeys.payment(params.paymentId) };
  }

  it.each([
    ['pm_card_visa', 'visa', '4242'],
    ['pm_card_mastercard', 'mastercard', '4444'],
    ['pm_card_amex', 'amex', '0005'],
  ])('attaches %s as a %s card ending %s, a method of its own that reads back alike', async (token, brand, last4) => {
    const { method, params } = await chargeFor(token);
    expect(method).toMatchObject({ customerId: params.customerId, brand, last4, expMonth: 12 });
    expect(method.id).not.toBe(token);
    expect(method.expYear).toBeGreaterThan(new Date().getUTCFullYear());
    expect(await provider.getPaymentMethod(method.id)).toMatchObject({
      id: method.id,
      brand,
      last4,
      expMonth: 12,
      expYear: method.expYear,
    });
  });

  it('refuses an unknown token or payment method id with UnknownPaymentMethod (422 on provider_token)', async () => {
    const { customerId } = await provider.createCustomer(
      { accountId: 'acct_unknown', email: null, name: 'Unknown' },
      'customer_acct_unknown',
    );
    const attach = provider.attachPaymentMethod(customerId, 'pm_card_doesNotExist', 'pm_attach_acct_unknown_x');
    await expect(attach).rejects.toThrow(UnknownPaymentMethod);
    await expect(attach).rejects.toMatchObject({
      kind: 'validation',
      code: 'unknown_payment_method',
      errors: [{ field: 'provider_token' }],
    });
    await expect(provider.getPaymentMethod('pm_doesNotExist')).rejects.toThrow(UnknownPaymentMethod);
  });

  it.each([
    ['pm_card_visa', 'succeeded', undefined],
    ['pm_card_mastercard', 'succeeded', undefined],
    ['pm_card_chargeDeclined', 'failed', 'card_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'failed', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'failed', 'expired_card'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'failed', 'incorrect_cvc'],
    ['pm_card_chargeDeclinedProcessingError', 'failed', 'processing_error'],
    ['pm_card_chargeCustomerFail', 'failed', 'card_declined'],
    ['pm_card_authenticationRequired', 'failed', 'authentication_required'],
  ])('charges %s: %s %s', async (token, status, failureCode) => {
    const { params, key } = await chargeFor(token);
    const outcome = await provider.charge(params, key);
    expect(outcome.status).toBe(status);
    if (outcome.status === 'failed') {
      expect(outcome).toMatchObject({ failureCode, failureMessage: expect.stringMatching(/^Your card|An error occurred/) });
      expect(outcome.providerPaymentId).toMatch(/^pi_/);
    }
    if (outcome.status === 'succeeded')
      expect(outcome).toMatchObject({ providerPaymentId: expect.stringMatching(/^pi_/), providerChargeId: expect.stringMatching(/^ch_/) });
    expect(await provider.findCharge({ paymentId: params.paymentId })).toEqual(outcome);
  });

  it('answers a charge sent again with the same key as the first time, a decline included, and charges once', async () => {
    for (const token of ['pm_card_visa', 'pm_card_chargeDeclinedInsufficientFunds']) {
      const { params, key } = await chargeFor(token);
      const first = await provider.charge(params, key);
      expect(await provider.charge(params, key)).toEqual(first);
      expect(await provider.charge({ ...params }, key)).toEqual(first);
    }
  });

  it('refuses a key reused with other parameters: PaymentProviderFault idempotency_key_reused, nothing charged', async () => {
    const { params, key } = await chargeFor('pm_card_visa');
    const first = await provider.charge(params, key);
    const reused = provider.charge({ ...params, amount: params.amount + 1 }, key);
    await expect(reused).rejects.toThrow(PaymentProviderFault);
    await expect(reused).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect(await provider.findCharge({ paymentId: params.paymentId })).toEqual(first);
  });

  it('creates one customer per key: the same key answers the same customer', async () => {
    const params = { accountId: 'acct_once', email: 'once@acme.test', name: 'Once' };
    const first = await provider.createCustomer(params, 'customer_acct_once');
    expect(await provider.createCustomer(params, 'customer_acct_once')).toEqual(first);
    expect((await provider.createCustomer(params, 'customer_acct_once_other')).customerId).not.toBe(first.customerId);
  });

  it('finds no charge for a payment never sent', async () => {
    expect(await provider.findCharge({ paymentId: 'pay_neverSent' })).toEqual({ status: 'not_found' });
  });

  it('refunds in part and in full, never more than was charged, and a refund sent again is the same refund', async () => {
    const { params, key } = await chargeFor('pm_card_visa', { amount: 5000 });
    const charge = await provider.charge(params, key);
    if (charge.status !== 'succeeded') throw new Error(`charge ${charge.status}`);
    const refund = (refundId: string, amount: number) =>
      provider.refund({ providerPaymentId: charge.providerPaymentId, amount, currency: 'EUR', refundId }, idempotencyKeys.refund(refundId));

    const partial = await refund('rf_part', 2000);
    expect(partial).toEqual({ status: 'succeeded', providerRefundId: expect.stringMatching(/^re_/) });
    expect(await refund('rf_part', 2000)).toEqual(partial);
    expect(await refund('rf_tooMuch', 3001)).toMatchObject({ status: 'failed', failureCode: 'amount_too_large' });
    const rest = await refund('rf_rest', 3000);
    expect(rest).toMatchObject({ status: 'succeeded' });
    expect(rest).not.toEqual(partial);
    expect(await refund('rf_again', 1)).toMatchObject({ status: 'failed', failureCode: 'charge_already_refunded' });
  });

  it('refuses to refund a declined charge', async () => {
    const { params, key } = await chargeFor('pm_card_chargeDeclined');
    const charge = await provider.charge(params, key);
    if (charge.status !== 'failed' || !charge.providerPaymentId) throw new Error(`charge ${charge.status}`);
    const refund = await provider.refund(
      { providerPaymentId: charge.providerPaymentId, amount: 100, currency: 'EUR', refundId: 'rf_declined' },
      'refund_rf_declined',
    );
    expect(refund).toMatchObject({ status: 'failed', failureCode: 'payment_intent_unexpected_state' });
  });

  it.each([
    ['KWD', 1235, 'ends in 5 fils: Stripe charges KWD cards in tens'],
    ['MGA', 150, 'Stripe charges MGA in whole ariary'],
    ['EUR', 0, 'nothing to charge'],
  ])('fails %s %s without charging anything (%s)', async (currency, amount) => {
    const { params, key } = await chargeFor('pm_card_visa', { currency, amount });
    expect(await provider.charge(params, key)).toMatchObject({
      status: 'failed',
      providerPaymentId: null,
      failureCode: 'invalid_charge_amount',
    });
  });
});
