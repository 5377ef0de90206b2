import { createHash, randomBytes } from 'node:crypto';

/** The id of the first super_admin key: BILLING_BOOTSTRAP_API_KEY, or the key the first start made. */
export const BOOTSTRAP_KEY_ID = 'key_bootstrap';

/**
 * API key secrets: `bk_` + 40 random base64url characters (240 bits). They are stored as a SHA-256 hash:
 * with that much entropy a slow hash adds nothing, and lookups stay one indexed read.
 */
export function newApiKeySecret(): string {
  return `bk_${randomBytes(30).toString('base64url')}`;
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * What lists show to recognise a key we generated without revealing it: `bk_` and 7 of its 40 random
 * characters (42 of 240 bits).
 */
export function apiKeyPrefix(secret: string): string {
  return secret.slice(0, 10);
}

/**
 * The prefix of BILLING_BOOTSTRAP_API_KEY, which is any string of 32 characters or more that the operator
 * chose (a passphrase, perhaps): none of its characters are shown, only a label and 4 hex digits of its
 * SHA-256 (16 bits), enough to tell a changed value from the previous one
 * (`printf %s "$BILLING_BOOTSTRAP_API_KEY" | sha256sum | cut -c1-4`) and less than a generated key shows.
 */
export function bootstrapKeyPrefix(secret: string): string {
  return `bootstrap:${hashApiKeySecret(secret).slice(0, 4)}`;
}
