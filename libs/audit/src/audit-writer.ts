import { storeIdempotentAnswer } from '@billing/core';
import { Actor, newId, RequestContext } from '@billing/kernel';
import { EntityManager } from 'typeorm';

export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceId: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/**
 * Records who changed what, in the caller's transaction, so that the change and its audit entry commit
 * together. For a request with an Idempotency-Key it also stores the request's answer (the changed
 * resource, `after`) in that transaction: a crash between the commit and the HTTP answer still leaves the
 * client a replayable answer rather than a key stuck in flight over a committed change.
 */
export async function recordAudit(manager: EntityManager, context: RequestContext, entry: AuditEntry): Promise<string | undefined> {
  const actor: Actor = context.actor;
  await manager.query(
    `INSERT INTO audit_log (id, actor_type, actor_id, actor_role, request_id, action, resource_type, resource_id,
                            before, after, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      newId('aud'),
      actor.type,
      actor.id,
      actor.role,
      context.requestId,
      entry.action,
      entry.resourceType,
      entry.resourceId,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      entry.at,
    ],
  );
  // The JSON of the stored answer, if any, for the caller to mark it committed (see ChangeWriter).
  return context.idempotency ? storeIdempotentAnswer(manager, context.idempotency, entry.after) : undefined;
}
