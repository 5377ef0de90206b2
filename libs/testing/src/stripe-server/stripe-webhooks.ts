import { createHmac } from 'node:crypto';
import { StripeObject, stripeId, unixNow } from './stripe-objects';

/** The API version the events say they were rendered with (the SDK's pinned one; nothing reads it). */
export const STRIPE_EVENT_API_VERSION = '2026-10-28.endive';

/**
 * The `Stripe-Signature` header Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed
 * with the endpoint's whole signing secret (`whsec_…` included). Computed here, not with the SDK's test helper,
 * so that the SDK's verification is checked against an independent signer.
 */
export function stripeSignatureHeader(payload: string, secret: string, timestamp = unixNow()): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/** An event as Stripe delivers it: `{ id: 'evt_…', object: 'event', type, data: { object }, … }`. */
export function stripeEvent(
  type: string,
  object: StripeObject | Record<string, unknown>,
  previousAttributes?: Record<string, unknown>,
): StripeObject {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: STRIPE_EVENT_API_VERSION,
    created: unixNow(),
    data: { object, ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export interface WebhookDelivery {
  status: number;
  body: string;
  /** Exactly what was sent, to replay it or to tamper with it. */
  payload: string;
  signature: string;
}

/**
 * POSTs `event` to `url` as Stripe does: JSON pretty-printed with two spaces, `Content-Type: application/json;
 * charset=utf-8`, `Stripe-Signature` signed with `secret` at `timestamp` (now unless given: a past one makes a stale
 * delivery), `User-Agent: Stripe/1.0`.
 */
export async function sendStripeWebhook(
  url: string,
  event: StripeObject,
  options: { secret: string; timestamp?: number; payload?: string },
): Promise<WebhookDelivery> {
  const payload = options.payload ?? JSON.stringify(event, null, 2);
  const signature = stripeSignatureHeader(payload, options.secret, options.timestamp);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Stripe-Signature': signature,
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Cache-Control': 'no-cache',
    },
    body: payload,
  });
  return { status: response.status, body: await response.text(), payload, signature };
}
