import { stripeEvent, stripeSignatureHeader } from '@billing/testing';
import { StripeWebhookRejected, verifyStripeWebhook } from './stripe-webhook';

describe(verifyStripeWebhook.name, () => {
  const secret = 'whsec_test_0123456789abcdef';
  const event = stripeEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', status: 'succeeded' });
  const body = JSON.stringify(event, null, 2);
  const now = () => Math.floor(Date.now() / 1000);

  it('answers the event of a body signed now with the secret', () => {
    const verified = verifyStripeWebhook(Buffer.from(body), stripeSignatureHeader(body, secret), secret);
    expect(verified).toMatchObject({ id: event.id, type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } });
  });

  it('accepts a signature within the tolerance (4 minutes old)', () => {
    expect(verifyStripeWebhook(Buffer.from(body), stripeSignatureHeader(body, secret, now() - 240), secret).id).toBe(event.id);
  });

  it.each([
    ['a tampered body', Buffer.from(body.replace('succeeded', 'canceled')), stripeSignatureHeader(body, secret), 'invalid_signature'],
    [
      'a body re-serialised (not the raw bytes)',
      Buffer.from(JSON.stringify(event)),
      stripeSignatureHeader(body, secret),
      'invalid_signature',
    ],
    ['another secret', Buffer.from(body), stripeSignatureHeader(body, 'whsec_other'), 'invalid_signature'],
    ['a missing header', Buffer.from(body), undefined, 'missing_signature'],
    ['an empty header', Buffer.from(body), '', 'missing_signature'],
    ['a header without a v1 signature', Buffer.from(body), `t=${Math.floor(Date.now() / 1000)}`, 'invalid_signature'],
    ['a header that is not Stripe’s', Buffer.from(body), 'sha256=abc', 'invalid_signature'],
    [
      'a body signed 10 minutes ago',
      Buffer.from(body),
      stripeSignatureHeader(body, secret, Math.floor(Date.now() / 1000) - 600),
      'stale_signature',
    ],
  ])('refuses %s (400 %s)', (_, rawBody, header, code) => {
    let thrown: unknown;
    try {
      verifyStripeWebhook(rawBody, header, secret);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StripeWebhookRejected);
    expect(thrown).toMatchObject({ kind: 'bad_request', code, problem: code });
  });

  it('takes a tolerance of its own', () => {
    const header = stripeSignatureHeader(body, secret, now() - 90);
    expect(() => verifyStripeWebhook(Buffer.from(body), header, secret, 60)).toThrow(expect.objectContaining({ code: 'stale_signature' }));
  });

  it('refuses to verify without a secret: a configuration error, not the sender’s', () => {
    expect(() => verifyStripeWebhook(Buffer.from(body), stripeSignatureHeader(body, secret), '')).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });
});
