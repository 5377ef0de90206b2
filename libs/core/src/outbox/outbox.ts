import { DomainEvent, EventType } from '@billing/kernel';
import { EntityManager } from 'typeorm';
import { activeTraceparent } from '../config/telemetry';
import { bulkInsert } from '../persistence/bulk-insert';

const COLUMNS = [
  { name: 'id', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'resource_type', type: 'text' },
  { name: 'resource_id', type: 'text' },
  { name: 'data', type: 'jsonb' },
  { name: 'request_id', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'traceparent', type: 'text' },
];

/**
 * Appends events in the caller's transaction (one statement however many); the relay polls for them. Each
 * carries the active trace (`traceparent`, null with tracing off), which the relay continues.
 */
export async function appendToOutbox(manager: EntityManager, events: DomainEvent[], requestId?: string) {
  if (events.length === 0) return;
  const traceparent = activeTraceparent() ?? null;
  await bulkInsert(
    manager,
    'events',
    COLUMNS,
    events.map((event) => [
      event.id,
      event.type,
      event.resourceType,
      event.resourceId,
      event.data,
      requestId ?? null,
      event.createdAt,
      traceparent,
    ]),
  );
}

/** The outbox as the relay, the consumers and the test clock read it (the core's own table). */
export const Outbox = {
  /** Up to `limit` committed events not yet relayed, oldest first, row-locked (SKIP LOCKED: relays share the work). */
  async claimUnrelayed(manager: EntityManager, limit: number): Promise<{ id: string; type: string; traceparent: string | null }[]> {
    return manager.query(`SELECT id, type, traceparent FROM events WHERE relayed_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`, [
      limit,
    ]);
  },

  async markRelayed(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.query(`UPDATE events SET relayed_at = now() WHERE id = ANY($1)`, [ids]);
  },

  /** The events with these ids, in outbox order (ids not found are left out). */
  async findMany(manager: EntityManager, ids: readonly string[]): Promise<DomainEvent[]> {
    const rows: {
      id: string;
      type: EventType;
      resource_type: string;
      resource_id: string;
      data: Record<string, unknown>;
      created_at: Date;
      traceparent: string | null;
    }[] = await manager.query(
      `SELECT id, type, resource_type, resource_id, data, created_at, traceparent FROM events WHERE id = ANY($1) ORDER BY seq`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      type: row.type,
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      data: row.data,
      createdAt: row.created_at,
      ...(row.traceparent ? { traceparent: row.traceparent } : {}),
    }));
  },

  async markDelivered(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.query(`UPDATE events SET delivered_at = now() WHERE id = ANY($1) AND delivered_at IS NULL`, [ids]);
  },

  /**
   * Seconds since the oldest event not yet relayed was created (0: none): the first by seq, one row from the
   * relay's own partial index. created_at is the billing clock's (wall time, except with BILLING_CLOCK=test).
   */
  async oldestUnrelayedAgeSeconds(manager: EntityManager): Promise<number> {
    const [row]: { age: number }[] = await manager.query(
      `SELECT greatest(0, extract(epoch FROM now() - created_at))::float8 AS age FROM events WHERE relayed_at IS NULL ORDER BY seq LIMIT 1`,
    );
    return row?.age ?? 0;
  },

  /** Events committed but not yet relayed, and not yet delivered to every subscriber. */
  async backlog(manager: EntityManager): Promise<{ unrelayed: number; undelivered: number }> {
    const [row]: { unrelayed: number; undelivered: number }[] = await manager.query(
      `SELECT (SELECT count(*) FROM events WHERE relayed_at IS NULL)::int AS unrelayed,
              (SELECT count(*) FROM events WHERE delivered_at IS NULL)::int AS undelivered`,
    );
    return row;
  },
};
