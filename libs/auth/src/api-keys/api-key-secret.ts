import { createHash, randomBytes } from 'node:crypto';

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

/** What lists show to recognise a key without revealing it. */
export function apiKeyPrefix(secret: string): string {
  return secret.slice(0, 10);
}
