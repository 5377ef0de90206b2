import { EntityManager } from 'typeorm';
import { bulkInsert } from '../persistence/bulk-insert';
import { DomainEvent } from '@billing/kernel';

const COLUMNS = [
  { name: 'id', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'resource_type', type: 'text' },
  { name: 'resource_id', type: 'text' },
  { name: 'data', type: 'jsonb' },
  { name: 'request_id', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
];

/** Appends events in the caller's transaction (one statement however many) and wakes the relay on commit. */
export async function appendToOutbox(manager: EntityManager, events: DomainEvent[], requestId?: string) {
  if (events.length === 0) return;
  await bulkInsert(
    manager,
    'events',
    COLUMNS,
    events.map((event) => [event.id, event.type, event.resourceType, event.resourceId, event.data, requestId ?? null, event.createdAt]),
  );
  await manager.query(`NOTIFY outbox`);
}
