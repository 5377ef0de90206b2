import { DomainError } from '@billing/kernel';
import Stripe from 'stripe';

/** Stripe's default, and API.md's: a signature older than 5 minutes is refused (a replayed request). */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

export type StripeWebhookProblem = 'missing_signature' | 'invalid_signature' | 'stale_signature';

/** `POST /webhooks/stripe` answers 400 with this code: Stripe retries a delivery that failed, a forger learns nothing. */
export class StripeWebhookRejected extends DomainError {
  constructor(
    readonly problem: StripeWebhookProblem,
    detail: string,
  ) {
    super('bad_request', problem, detail);
  }
}

/**
 * A Stripe event from `POST /webhooks/stripe`, verified with the SDK's `webhooks.constructEvent`: the
 * `Stripe-Signature` header (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`) must sign these exact bytes
 * with `secret` (`STRIPE_WEBHOOK_SECRET`) and be at most `toleranceSeconds` old, by the wall clock (the billing
 * test clock governs billing time, not signatures). `rawBody` is the body as received: parsed and re-serialised
 * JSON would not match the signature.
 */
export function verifyStripeWebhook(
  rawBody: Buffer,
  signatureHeader: string | string[] | undefined,
  secret: string,
  toleranceSeconds = STRIPE_WEBHOOK_TOLERANCE_SECONDS,
): Stripe.Event {
  // A server without the secret cannot tell Stripe from anyone: a configuration error, not the sender's.
  if (!secret.trim()) throw new Error('STRIPE_WEBHOOK_SECRET is not set: Stripe webhooks cannot be verified.');
  const header = Array.isArray(signatureHeader) ? signatureHeader[0] : signatureHeader;
  if (!header?.trim()) throw new StripeWebhookRejected('missing_signature', 'The Stripe-Signature header is missing.');
  try {
    return Stripe.webhooks.constructEvent(rawBody, header, secret, toleranceSeconds);
  } catch (error) {
    // Signed but not JSON: only a sender holding the secret could do it, still a bad request.
    if (error instanceof SyntaxError) throw new DomainError('bad_request', 'malformed_json', 'The webhook body is not valid JSON.');
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
    // The SDK checks the signature first and the age second; this message is its only sign of the latter
    // (stripe-webhook.spec.ts pins it, so an SDK update that rewords it fails there).
    if (error.message.startsWith('Timestamp outside the tolerance zone')) {
      throw new StripeWebhookRejected('stale_signature', `The Stripe-Signature is older than ${toleranceSeconds} seconds.`);
    }
    throw new StripeWebhookRejected('invalid_signature', 'The Stripe-Signature does not sign this body with the webhook secret.');
  }
}
