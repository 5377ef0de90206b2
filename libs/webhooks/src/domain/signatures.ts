import { createHmac } from 'node:crypto';
import { signingKey } from './secrets';

/** The headers of the Standard Webhooks spec, which receivers verify. */
export interface WebhookHeaders {
  /** The message's id, the same on every retry so that receivers can drop duplicates. */
  'webhook-id': string;
  /** Seconds since the epoch, when the attempt was signed. */
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` for each secret, separated by spaces: during a
 * rotation the old and new secrets both sign, and a receiver accepts the message when any one verifies.
 */
export function signatureHeader(id: string, timestampSeconds: number, body: string, secrets: readonly string[]): string {
  if (secrets.length === 0) throw new Error('A webhook is signed by at least one secret.');
  if (!Number.isSafeInteger(timestampSeconds)) throw new Error(`A webhook timestamp is whole seconds, not ${timestampSeconds}.`);
  const signed = `${id}.${timestampSeconds}.${body}`;
  return secrets.map((secret) => `v1,${createHmac('sha256', signingKey(secret)).update(signed, 'utf8').digest('base64')}`).join(' ');
}

/**
 * The headers of one attempt, signed at `at`, the attempt's own time: receivers refuse a timestamp more than
 * 5 minutes from their clock (replay protection), so every retry is signed anew, over the same body.
 */
export function webhookHeaders(id: string, at: Date, body: string, secrets: readonly string[]): WebhookHeaders {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(id, timestamp, body, secrets),
  };
}
