const SEGMENT = /^[A-Za-z0-9_-]*$/;

/**
 * Whether a bearer credential is a JWT (three base64url parts whose first is a JSON header) rather than an
 * API key. The header check keeps a bootstrap key that happens to contain two dots an API key. An unsigned
 * token (`alg: none`) has an empty third part and still counts as a JWT, so that it is refused as one.
 */
export function isJwt(credential: string): boolean {
  const parts = credential.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts.every((part) => SEGMENT.test(part))) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && !Array.isArray(header);
  } catch {
    return false;
  }
}
