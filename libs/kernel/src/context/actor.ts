export const ROLES = ['super_admin', 'billing_admin', 'support_rep', 'finance_viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: an API key, a JWT subject, or the platform itself (scheduler jobs). */
export interface Actor {
  type: 'api_key' | 'jwt' | 'system';
  id: string;
  role: Role;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'system', role: 'super_admin' };

/**
 * The answer a keyed request will give, carried in its RequestContext so that the command's own transaction
 * stores it with the change: a crash after the commit still leaves a replayable answer, a crash before it
 * leaves the key free once the claim's lease ends.
 */
export interface IdempotentAnswer {
  owner: string;
  key: string;
  status: number;
  /** Fields never stored (secrets shown once): a replay answers without them. */
  omit: readonly string[];
  /**
   * The answer as the command's transaction stored it (its JSON), set once that transaction committed: the
   * request need not store it again when it answers the same.
   */
  committed?: string;
}

/** What every command carries about its origin, for the audit log. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  /** Set for a request with an Idempotency-Key: the command's transaction stores its answer with the change. */
  idempotency?: IdempotentAnswer;
}

/** Whose keys a credential's Idempotency-Keys are: an API key and a JWT subject with the same id are different owners. */
export function idempotencyOwner(actor: Actor): string {
  return `${actor.type}:${actor.id}`;
}

export function systemContext(requestId: string): RequestContext {
  return { actor: SYSTEM_ACTOR, requestId };
}
