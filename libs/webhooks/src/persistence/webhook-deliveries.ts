import { EntityManager } from 'typeorm';
import type { WebhookSecret } from '../domain/secrets';
import type { WebhookAttemptView } from '../queries/webhook-delivery.view';
import { secretsColumn } from './webhook-endpoint.entity';

/** A message to make deliveries of: an event, its type, its body (serialised once) and its billing instant. */
export interface WebhookMessage {
  id: string;
  type: string;
  body: string;
  createdAt: Date;
  /** The trace of the change that raised the event, which each attempt continues (null: none, tracing off). */
  traceparent: string | null;
}

/** A delivery claimed for one attempt, with what the attempt needs of its endpoint. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  body: string;
  /** The number of this attempt, from 1. */
  attempt: number;
  url: string;
  secrets: WebhookSecret[];
  failingSince: Date | null;
  lease: string;
  traceparent: string | null;
}

/** What one attempt did, and what the delivery becomes. */
export interface RecordedAttempt {
  deliveryId: string;
  lease: string;
  attempt: number;
  /** Billing time. */
  at: Date;
  responseStatus: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  nextAttemptAt: Date | null;
}

export interface ClaimLimits {
  /** Billing time: deliveries due by then. */
  now: Date;
  lease: string;
  leaseMs: number;
  /** At most this many held per endpoint, counting `inFlight`. */
  perEndpoint: number;
  /** This process's deliveries held (claimed, not yet finished), per endpoint. */
  inFlight: ReadonlyMap<string, number>;
  limit: number;
}

// Ids made in SQL (the fan-out pairs events with endpoints there): the prefix and 24 random hex digits.
const NEW_DELIVERY_ID = `'whd_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 24)`;

/** The webhook_deliveries and webhook_attempts tables, set-based: a statement per batch, never per delivery. */
export const WebhookDeliveries = {
  /**
   * One delivery per (message, enabled endpoint whose filter takes its type), in one statement; a pair made
   * before (a batch redone) is skipped by the unique (endpoint, event). Due at the event's instant.
   */
  async fanOut(manager: EntityManager, messages: readonly WebhookMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body, traceparent, status, next_attempt_at, created_at, updated_at)
       SELECT ${NEW_DELIVERY_ID}, e.id, m.id, m.type, m.body, m.traceparent, 'pending', m.created_at, m.created_at, m.created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) AS m(id, type, body, created_at, traceparent)
       JOIN webhook_endpoints e ON e.enabled AND (e.event_types @> ARRAY['*'] OR m.type = ANY (e.event_types))
       ON CONFLICT (endpoint_id, event_id) DO NOTHING
       RETURNING id`,
      [
        messages.map((m) => m.id),
        messages.map((m) => m.type),
        messages.map((m) => m.body),
        messages.map((m) => m.createdAt),
        messages.map((m) => m.traceparent),
      ],
    );
    return rows.length;
  },

  /** A message for one endpoint only (`webhook.test`), due now. */
  async enqueueFor(manager: EntityManager, id: string, endpointId: string, message: WebhookMessage): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body, traceparent, status, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $7, 'pending', $6, $6, $6)`,
      [id, endpointId, message.id, message.type, message.body, message.createdAt, message.traceparent],
    );
  },

  /**
   * Claims due deliveries of enabled endpoints, oldest due first, at most `perEndpoint` in flight per endpoint
   * (this process's in-flight ones count): each endpoint's share is read from the (endpoint, next_attempt_at)
   * index with FOR UPDATE SKIP LOCKED, so schedulers share the work, and leased until `leaseMs` from now (wall
   * time): a scheduler that dies mid-delivery leaves rows that another claims when the lease ends.
   */
  async claimDue(manager: EntityManager, limits: ClaimLimits): Promise<ClaimedDelivery[]> {
    const busy = [...limits.inFlight.entries()].filter(([, count]) => count > 0);
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [
      {
        id: string;
        endpoint_id: string;
        event_id: string;
        body: string;
        attempt: number;
        url: string;
        secrets: Parameters<typeof secretsColumn.from>[0];
        failing_since: Date | null;
        traceparent: string | null;
      }[],
      number,
    ] = await manager.query(
      `WITH busy AS (SELECT * FROM unnest($3::text[], $4::int[]) AS b(endpoint_id, in_flight)),
       picked AS (
         SELECT d.id
         FROM webhook_endpoints e
         CROSS JOIN LATERAL (
           SELECT d.id FROM webhook_deliveries d
           WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= $1
             AND (d.lease_until IS NULL OR d.lease_until < now())
           ORDER BY d.next_attempt_at
           LIMIT greatest(0, $5::int - coalesce((SELECT in_flight FROM busy WHERE busy.endpoint_id = e.id), 0))
           FOR UPDATE OF d SKIP LOCKED
         ) d
         WHERE e.enabled
         LIMIT $6
       )
       UPDATE webhook_deliveries d SET lease = $2, lease_until = now() + $7::int * interval '1 millisecond'
       FROM picked, webhook_endpoints e
       WHERE d.id = picked.id AND e.id = d.endpoint_id
       RETURNING d.id, d.endpoint_id, d.event_id, d.body, d.attempts + 1 AS attempt, e.url, e.secrets, e.failing_since, d.traceparent`,
      [limits.now, limits.lease, busy.map(([id]) => id), busy.map(([, count]) => count), limits.perEndpoint, limits.limit, limits.leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      eventId: row.event_id,
      body: row.body,
      attempt: row.attempt,
      url: row.url,
      secrets: secretsColumn.from(row.secrets),
      failingSince: row.failing_since,
      lease: limits.lease,
      traceparent: row.traceparent,
    }));
  },

  /**
   * Records attempts and what their deliveries become, in one statement: only where the lease is still the
   * claimer's (a delivery whose lease passed and that another scheduler claimed is recorded by that one), and
   * each attempt once. Answers the deliveries recorded.
   */
  async recordAttempts(manager: EntityManager, attempts: readonly RecordedAttempt[]): Promise<string[]> {
    if (attempts.length === 0) return [];
    const column = <T>(pick: (attempt: RecordedAttempt) => T) => attempts.map(pick);
    const rows: { id: string }[] = await manager.query(
      `WITH results AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
           AS r(id, lease, attempt, at, response_status, latency_ms, response_body, error, status, next_attempt_at)
       ),
       updated AS (
         UPDATE webhook_deliveries d
         SET status = r.status, attempts = r.attempt, next_attempt_at = r.next_attempt_at, lease = NULL, lease_until = NULL, updated_at = r.at
         FROM results r WHERE d.id = r.id AND d.lease = r.lease
         RETURNING d.id
       ),
       attempts AS (
         INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, response_status, latency_ms, response_body, error)
         SELECT r.id, r.attempt, r.at, r.response_status, r.latency_ms, r.response_body, r.error FROM results r JOIN updated USING (id)
         ON CONFLICT DO NOTHING
       )
       SELECT id FROM updated`,
      [
        column((a) => a.deliveryId),
        column((a) => a.lease),
        column((a) => a.attempt),
        column((a) => a.at),
        column((a) => a.responseStatus),
        column((a) => a.latencyMs),
        // PostgreSQL text holds no NUL: a receiver's binary answer is kept without them.
        column((a) => a.responseBody?.replaceAll('\u0000', '') ?? null),
        column((a) => a.error),
        column((a) => a.status),
        column((a) => a.nextAttemptAt),
      ],
    );
    return rows.map((row) => row.id);
  },

  /** A disabled endpoint's pending deliveries fail (as Svix does): nothing is sent to it any more. */
  async failPendingOf(manager: EntityManager, endpointIds: readonly string[], at: Date): Promise<void> {
    if (endpointIds.length === 0) return;
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, lease = NULL, lease_until = NULL, updated_at = $2
       WHERE endpoint_id = ANY ($1) AND status = 'pending'`,
      [endpointIds, at],
    );
  },

  /** Due by `instant` and not yet attempted to the end: the test clock waits for these. */
  async dueCount(manager: EntityManager, instant: Date): Promise<number> {
    const [row]: { count: number }[] = await manager.query(
      `SELECT count(*)::int AS count FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1`,
      [instant],
    );
    return row.count;
  },

  async find(manager: EntityManager, id: string): Promise<{ id: string; endpointId: string; status: string } | null> {
    const [row]: { id: string; endpoint_id: string; status: string }[] = await manager.query(
      `SELECT id, endpoint_id, status FROM webhook_deliveries WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ? { id: row.id, endpointId: row.endpoint_id, status: row.status } : null;
  },

  /** Due now, whatever it was: a manual retry, outside the schedule. */
  async dueNow(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.query(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
  },

  /** The attempts of these deliveries, in order, by delivery. */
  async attemptsOf(manager: EntityManager, deliveryIds: readonly string[]): Promise<Map<string, WebhookAttemptView[]>> {
    const rows: {
      delivery_id: string;
      attempt: number;
      attempted_at: Date;
      response_status: number | null;
      latency_ms: number;
      response_body: string | null;
      error: string | null;
    }[] = deliveryIds.length
      ? await manager.query(
          `SELECT delivery_id, attempt, attempted_at, response_status, latency_ms, response_body, error
           FROM webhook_attempts WHERE delivery_id = ANY ($1) ORDER BY delivery_id, attempt`,
          [deliveryIds],
        )
      : [];
    const byDelivery = new Map<string, WebhookAttemptView[]>();
    for (const row of rows) {
      const list = byDelivery.get(row.delivery_id) ?? [];
      list.push({
        attempt: row.attempt,
        attempted_at: row.attempted_at.toISOString(),
        response_status: row.response_status,
        latency_ms: row.latency_ms,
        response_body: row.response_body,
        error: row.error,
      });
      byDelivery.set(row.delivery_id, list);
    }
    return byDelivery;
  },
};
