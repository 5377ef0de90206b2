import { Actor, Role, ROLES } from '@billing/kernel';

/**
 * The actor a verified JWT stands for, or why its claims cannot make one. A `role` outside the four roles is
 * a refused credential (401 `unauthenticated`), not a forbidden one: there is no role whose rights could be
 * checked, and the token cannot act anywhere. Tokens without `exp` are refused too, since they never expire.
 */
export function actorFromClaims(claims: Record<string, unknown>): Actor | { refused: string } {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) return { refused: 'The JWT has no `sub` claim.' };
  if (typeof claims.exp !== 'number') return { refused: 'The JWT has no `exp` claim.' };
  if (!ROLES.includes(claims.role as Role)) {
    return { refused: `The JWT claim \`role\` must be one of ${ROLES.join(', ')}.` };
  }
  return { type: 'jwt', id: claims.sub, role: claims.role as Role };
}
