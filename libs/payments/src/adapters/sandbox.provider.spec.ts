import { PaymentProviderFault, UnknownPaymentMethod } from '../domain/payment.errors';
import { SandboxPaymentProvider } from './sandbox.provider';
import { TEST_CARDS } from './test-cards';

/** The sandbox's own behaviour; what it shares with Stripe is in payment-provider.contract.spec.ts. */
describe(SandboxPaymentProvider.name, () => {
  const charge = (provider: SandboxPaymentProvider, paymentMethodId: string, paymentId = 'pay_1') =>
    provider.charge(
      { paymentId, invoiceId: 'inv_1', amount: 1000, currency: 'USD', customerId: 'cus_sandbox_1', paymentMethodId },
      `payment_${paymentId}`,
    );

  it.each([
    ['pm_card_visa', { brand: 'visa', last4: '4242' }, { status: 'succeeded' }],
    ['pm_card_visa_debit', { brand: 'visa', last4: '5556' }, { status: 'succeeded' }],
    ['pm_card_mastercard', { brand: 'mastercard', last4: '4444' }, { status: 'succeeded' }],
    ['pm_card_amex', { brand: 'amex', last4: '0005' }, { status: 'succeeded' }],
    [
      'pm_card_chargeDeclined',
      { brand: 'visa', last4: '0002' },
      { status: 'failed', failureCode: 'card_declined', failureMessage: 'Your card was declined.' },
    ],
    [
      'pm_card_chargeDeclinedInsufficientFunds',
      { brand: 'visa', last4: '9995' },
      { status: 'failed', failureCode: 'insufficient_funds', failureMessage: 'Your card has insufficient funds.' },
    ],
    [
      'pm_card_chargeDeclinedExpiredCard',
      { brand: 'visa', last4: '0069' },
      { status: 'failed', failureCode: 'expired_card', failureMessage: 'Your card has expired.' },
    ],
    ['pm_card_chargeDeclinedIncorrectCvc', { brand: 'visa', last4: '0127' }, { status: 'failed', failureCode: 'incorrect_cvc' }],
    ['pm_card_chargeDeclinedProcessingError', { brand: 'visa', last4: '0119' }, { status: 'failed', failureCode: 'processing_error' }],
    ['pm_card_chargeCustomerFail', { brand: 'visa', last4: '0341' }, { status: 'failed', failureCode: 'card_declined' }],
    [
      'pm_card_authenticationRequired',
      { brand: 'visa', last4: '3184' },
      {
        status: 'failed',
        failureCode: 'authentication_required',
        failureMessage: 'Your card was declined. This transaction requires authentication.',
      },
    ],
  ])('%s attaches as %o and charges %o', async (token, card, outcome) => {
    const provider = new SandboxPaymentProvider(() => new Date('2027-03-15T00:00:00Z'));
    const method = await provider.attachPaymentMethod('cus_sandbox_1', token, `pm_attach_acct_1_${token}`);
    expect(method).toEqual({
      id: expect.stringMatching(/^pm_sandbox_\w+_[0-9a-f]{24}$/),
      customerId: 'cus_sandbox_1',
      ...card,
      expMonth: 12,
      expYear: 2030,
    });
    expect(await charge(provider, method.id)).toMatchObject(outcome);
    // A test token may also be charged as it is, as at Stripe.
    expect(await charge(provider, token, 'pay_token')).toMatchObject(outcome);
  });

  it('covers every card of the table', () => {
    expect(Object.keys(TEST_CARDS)).toHaveLength(11);
  });

  it('refuses an unknown token, and answers the same refusal to the same key', async () => {
    const provider = new SandboxPaymentProvider();
    const attach = () => provider.attachPaymentMethod('cus_sandbox_1', 'pm_card_unknown', 'pm_attach_acct_1_pm_card_unknown');
    await expect(attach()).rejects.toThrow(UnknownPaymentMethod);
    await expect(attach()).rejects.toThrow(UnknownPaymentMethod);
    await expect(provider.getPaymentMethod('pm_sandbox_nothing_000000000000000000000000')).rejects.toThrow(UnknownPaymentMethod);
    expect(await charge(provider, 'pm_1NotSandbox')).toMatchObject({ status: 'failed', failureCode: 'resource_missing' });
  });

  // The api attaches, the scheduler charges, in another process: ids carry what the other process needs.
  it('answers alike in another process: ids derive from the key and a method id names its card', async () => {
    const api = new SandboxPaymentProvider();
    const scheduler = new SandboxPaymentProvider();
    const customer = await api.createCustomer({ accountId: 'acct_1', email: null, name: 'Acme' }, 'customer_acct_1');
    expect(await scheduler.createCustomer({ accountId: 'acct_1', email: null, name: 'Acme' }, 'customer_acct_1')).toEqual(customer);

    const declining = await api.attachPaymentMethod(customer.customerId, 'pm_card_chargeDeclinedInsufficientFunds', 'pm_attach_acct_1_x');
    expect(await scheduler.getPaymentMethod(declining.id)).toMatchObject({ brand: 'visa', last4: '9995' });
    const first = await scheduler.charge(
      {
        paymentId: 'pay_9',
        invoiceId: 'inv_9',
        amount: 100,
        currency: 'EUR',
        customerId: customer.customerId,
        paymentMethodId: declining.id,
      },
      'payment_pay_9',
    );
    expect(first).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds' });
    expect(
      await api.charge(
        {
          paymentId: 'pay_9',
          invoiceId: 'inv_9',
          amount: 100,
          currency: 'EUR',
          customerId: customer.customerId,
          paymentMethodId: declining.id,
        },
        'payment_pay_9',
      ),
    ).toEqual(first);
  });

  it('refunds a charge of another process without knowing its amount (the caller checks it)', async () => {
    const scheduler = new SandboxPaymentProvider();
    const api = new SandboxPaymentProvider();
    const charged = await charge(scheduler, 'pm_card_visa');
    if (charged.status !== 'succeeded') throw new Error(charged.status);
    expect(
      await api.refund({ providerPaymentId: charged.providerPaymentId, amount: 500, currency: 'USD', refundId: 'rf_1' }, 'refund_rf_1'),
    ).toEqual({
      status: 'succeeded',
      providerRefundId: expect.stringMatching(/^re_sandbox_/),
    });
    expect(
      await api.refund({ providerPaymentId: 'pi_1Stripe', amount: 500, currency: 'USD', refundId: 'rf_2' }, 'refund_rf_2'),
    ).toMatchObject({
      status: 'failed',
      failureCode: 'resource_missing',
    });
  });

  it('forgets a key after 24 hours, as Stripe does', async () => {
    let now = new Date('2027-03-15T00:00:00Z');
    const provider = new SandboxPaymentProvider(() => now);
    await provider.createCustomer({ accountId: 'acct_1', email: null, name: 'Acme' }, 'customer_acct_1');
    const reuse = () => provider.createCustomer({ accountId: 'acct_1', email: null, name: 'Other name' }, 'customer_acct_1');
    await expect(reuse()).rejects.toThrow(PaymentProviderFault);
    now = new Date('2027-03-16T00:00:01Z');
    await expect(reuse()).resolves.toMatchObject({ customerId: expect.stringMatching(/^cus_sandbox_/) });
  });
});
