import { randomBytes } from 'node:crypto';

/**
 * Endpoint secrets as the Standard Webhooks spec shapes them: `whsec_` and the base64 of random bytes, the
 * decoded bytes being the HMAC key. Receivers' libraries (`standardwebhooks`, Svix's) read this form as is.
 */
export const SECRET_PREFIX = 'whsec_';

/** 32 bytes (256 bits, SHA-256's size): the spec asks for 24 to 64. */
const SECRET_BYTES = 32;
const MIN_KEY_BYTES = 24;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** While a rotation is under way the old secret keeps signing, so that receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The HMAC key of a secret: its base64 part, decoded. Our secrets are made by newWebhookSecret, so a malformed one is a bug. */
export function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  // Buffer.from(…, 'base64') skips characters it does not know, so check the alphabet first.
  const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (key.length < MIN_KEY_BYTES) {
    throw new Error(`A webhook secret is "${SECRET_PREFIX}" and the base64 of at least ${MIN_KEY_BYTES} bytes.`);
  }
  return key;
}

/** One of an endpoint's secrets. */
export interface WebhookSecret {
  secret: string;
  createdAt: Date;
  /** When it stops signing: null for the current secret, 24 hours after the rotation that replaced it otherwise. */
  expiresAt: Date | null;
}

/** The secrets that sign a message sent at `at`, newest first: one, or two (or more) during rotations. */
export function secretsSigningAt(secrets: readonly WebhookSecret[], at: Date): string[] {
  return secrets
    .filter((secret) => signsAt(secret, at))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((secret) => secret.secret);
}

/**
 * An endpoint's secrets after a rotation at `at`: `fresh` signs from now on, and the secrets that still sign
 * go on for {@link ROTATION_OVERLAP_MS} more (not longer than they would have); expired ones are dropped.
 */
export function rotateSecrets(secrets: readonly WebhookSecret[], at: Date, fresh: string = newWebhookSecret()): WebhookSecret[] {
  const overlapEnd = at.getTime() + ROTATION_OVERLAP_MS;
  const kept = secrets
    .filter((secret) => signsAt(secret, at))
    .map((secret) => ({ ...secret, expiresAt: new Date(Math.min(secret.expiresAt?.getTime() ?? overlapEnd, overlapEnd)) }));
  return [{ secret: fresh, createdAt: at, expiresAt: null }, ...kept];
}

function signsAt(secret: WebhookSecret, at: Date): boolean {
  return secret.createdAt.getTime() <= at.getTime() && (secret.expiresAt === null || at.getTime() < secret.expiresAt.getTime());
}
