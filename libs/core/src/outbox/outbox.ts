import { EntityManager } from 'typeorm';
import { DomainEvent } from './domain-event';

/** Appends events in the caller's transaction (one multi-row insert) and wakes the relay on commit. */
export async function appendToOutbox(manager: EntityManager, events: DomainEvent[], requestId?: string) {
  if (events.length === 0) return;
  const params: unknown[] = [];
  const rows = events.map((event) => {
    params.push(event.id, event.type, event.resourceType, event.resourceId, event.data, requestId ?? null, event.createdAt);
    const n = params.length;
    return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  await manager.query(
    `INSERT INTO events (id, type, resource_type, resource_id, data, request_id, created_at) VALUES ${rows.join(', ')}`,
    params,
  );
  await manager.query(`NOTIFY outbox`);
}
