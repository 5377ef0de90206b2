import Stripe from 'stripe';
import { PaymentProviderFault } from '../domain/payment.errors';
import { meaningOf, outcomeOfPaymentIntent } from './stripe-outcomes';

describe(meaningOf.name, () => {
  const { errors } = Stripe;
  type Raw = ConstructorParameters<typeof Stripe.errors.StripeError>[0];
  const raw = (fields: Record<string, unknown>) => fields as Raw;

  it.each([
    [
      'a card error: declined, by its decline code',
      new errors.StripeCardError(
        raw({
          message: 'Your card has insufficient funds.',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          payment_intent: { id: 'pi_1' },
        }),
      ),
      {
        kind: 'declined',
        failureCode: 'insufficient_funds',
        failureMessage: 'Your card has insufficient funds.',
        providerPaymentId: 'pi_1',
      },
    ],
    [
      'a generic decline: card_declined',
      new errors.StripeCardError(raw({ message: 'Your card was declined.', code: 'card_declined', decline_code: 'generic_decline' })),
      { kind: 'declined', failureCode: 'card_declined', providerPaymentId: null },
    ],
    [
      'a connection error: ambiguous',
      new errors.StripeConnectionError(raw({ message: 'socket hang up' })),
      { kind: 'ambiguous', reason: 'network' },
    ],
    [
      'a timeout: ambiguous',
      new errors.StripeConnectionError(
        raw({ message: 'Request aborted due to timeout', detail: Object.assign(new Error('t'), { code: 'ETIMEDOUT' }) }),
      ),
      { kind: 'ambiguous', reason: 'timeout' },
    ],
    [
      'a 5xx: ambiguous',
      new errors.StripeAPIError(raw({ message: 'An unknown error occurred', statusCode: 500 })),
      { kind: 'ambiguous', reason: 'provider_error' },
    ],
    [
      'a 429: ambiguous',
      new errors.StripeRateLimitError(raw({ message: 'Too many requests', statusCode: 429 })),
      { kind: 'ambiguous', reason: 'rate_limited' },
    ],
    [
      'an unknown object: invalid, resource_missing',
      new errors.StripeInvalidRequestError(
        raw({ message: "No such PaymentMethod: 'pm_x'", code: 'resource_missing', param: 'payment_method' }),
      ),
      { kind: 'invalid', code: 'resource_missing', param: 'payment_method', providerPaymentId: null },
    ],
  ])('%s', (_, error, expected) => {
    expect(meaningOf(error)).toMatchObject(expected);
  });

  it.each([
    [
      'a reused idempotency key',
      new errors.StripeIdempotencyError(raw({ message: 'Keys for idempotent requests…' })),
      'idempotency_key_reused',
    ],
    [
      'a refused secret key',
      new errors.StripeAuthenticationError(raw({ message: 'Invalid API Key provided' })),
      'provider_authentication_failed',
    ],
    [
      'a missing permission',
      new errors.StripePermissionError(raw({ message: 'The provided key does not have access' })),
      'provider_permission_denied',
    ],
  ])('%s: a fault of ours', (_, error, code) => {
    const meaning = meaningOf(error);
    expect(meaning).toMatchObject({ kind: 'fault' });
    if (meaning.kind === 'fault') expect(meaning.fault).toEqual(expect.objectContaining({ code }));
    if (meaning.kind === 'fault') expect(meaning.fault).toBeInstanceOf(PaymentProviderFault);
  });

  it('rethrows what is not a Stripe error (a bug of ours)', () => {
    const bug = new TypeError('x is undefined');
    expect(() => meaningOf(bug)).toThrow(bug);
  });
});

describe(outcomeOfPaymentIntent.name, () => {
  const intent = (fields: Record<string, unknown>) =>
    ({ id: 'pi_1', latest_charge: 'ch_1', last_payment_error: null, ...fields }) as unknown as Stripe.PaymentIntent;

  it.each([
    ['succeeded', intent({ status: 'succeeded' }), { status: 'succeeded', providerPaymentId: 'pi_1', providerChargeId: 'ch_1' }],
    [
      'succeeded, charge expanded',
      intent({ status: 'succeeded', latest_charge: { id: 'ch_2' } }),
      { status: 'succeeded', providerChargeId: 'ch_2' },
    ],
    ['processing', intent({ status: 'processing' }), { status: 'ambiguous', reason: 'processing', providerPaymentId: 'pi_1' }],
    [
      'declined',
      intent({
        status: 'requires_payment_method',
        last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
      }),
      {
        status: 'failed',
        failureCode: 'insufficient_funds',
        failureMessage: 'Your card has insufficient funds.',
        providerPaymentId: 'pi_1',
      },
    ],
    ['waiting for 3-D Secure', intent({ status: 'requires_action' }), { status: 'failed', failureCode: 'authentication_required' }],
    ['canceled', intent({ status: 'canceled' }), { status: 'failed', failureCode: 'payment_intent_canceled' }],
  ])('%s', (_, paymentIntent, expected) => {
    expect(outcomeOfPaymentIntent(paymentIntent)).toMatchObject(expected);
  });
});
