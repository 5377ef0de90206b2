import type { AuditEntity } from '../audit.entity';

/** An audit entry as the API shows it. */
export interface AuditLogEntryView {
  id: string;
  actor: { type: string; id: string; role: string };
  request_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string;
  before: unknown;
  after: unknown;
  created_at: string;
}

export function toAuditLogEntryView(entry: AuditEntity): AuditLogEntryView {
  return {
    id: entry.id,
    actor: { type: entry.actorType, id: entry.actorId, role: entry.actorRole },
    request_id: entry.requestId,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    before: entry.before,
    after: entry.after,
    created_at: entry.createdAt.toISOString(),
  };
}
