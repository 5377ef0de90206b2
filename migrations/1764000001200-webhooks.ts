import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks out (the webhooks lib's tables). An endpoint keeps its signing secrets (jsonb: the current one and
 * those still signing during a rotation) and its failing streak. A delivery is one event for one endpoint,
 * unique per (endpoint, event) so that a fan-out redone after a crash adds nothing; its body is serialised once
 * and sent as is on every attempt. `next_attempt_at` is billing time (the test clock drives retries);
 * `lease_until` is wall time: a scheduler that claimed the delivery and died gives it up when it passes.
 * Deliveries leave room on their pages (fillfactor 80) so that a claim, which sets only the lease, is a HOT
 * update that writes no index.
 */
export class Webhooks1764000001200 implements MigrationInterface {
  name = 'Webhooks1764000001200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY,
        url text NOT NULL,
        description text,
        event_types text[] NOT NULL,
        enabled boolean NOT NULL,
        disabled_reason text CHECK (disabled_reason IN ('gone', 'failing', 'manual')),
        secrets jsonb NOT NULL,
        failing_since timestamptz(3),
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL
      );
      CREATE INDEX webhook_endpoints_newest ON webhook_endpoints (created_at DESC, id DESC);
      CREATE TABLE webhook_deliveries (
        id text PRIMARY KEY,
        endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3),
        lease text,
        lease_until timestamptz(3),
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL,
        UNIQUE (endpoint_id, event_id)
      ) WITH (fillfactor = 80);
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (endpoint_id, next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
      CREATE TABLE webhook_attempts (
        delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL CHECK (attempt > 0),
        attempted_at timestamptz(3) NOT NULL,
        response_status integer,
        latency_ms integer NOT NULL,
        response_body text,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_attempts; DROP TABLE webhook_deliveries; DROP TABLE webhook_endpoints;`);
  }
}
