import { MigrationInterface, QueryRunner } from 'typeorm';

/** The cross-cutting tables (clock, events/outbox, inbox, idempotency, audit, api keys) and accounts. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE test_clock (
        id smallint PRIMARY KEY CHECK (id = 1),
        now timestamptz(3) NOT NULL
      );

      CREATE TABLE scheduler_progress (
        id smallint PRIMARY KEY CHECK (id = 1),
        processed_until timestamptz(3) NOT NULL
      );

      CREATE TABLE scheduled_tasks (
        name text PRIMARY KEY,
        next_run_at timestamptz(3) NOT NULL
      );

      CREATE TABLE events (
        seq bigserial NOT NULL UNIQUE,
        id text PRIMARY KEY,
        type text NOT NULL,
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        data jsonb NOT NULL,
        request_id text,
        created_at timestamptz(3) NOT NULL,
        relayed_at timestamptz(3),
        delivered_at timestamptz(3)
      );
      CREATE INDEX events_unrelayed ON events (seq) WHERE relayed_at IS NULL;
      CREATE INDEX events_newest ON events (created_at DESC, id DESC);
      CREATE INDEX events_by_type ON events (type, created_at DESC, id DESC);

      CREATE TABLE processed_events (
        consumer text NOT NULL,
        event_id text NOT NULL,
        processed_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );

      CREATE TABLE idempotency_keys (
        owner text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        status integer,
        body jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (owner, key)
      );

      CREATE TABLE audit_log (
        id text PRIMARY KEY,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        request_id text,
        action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        before jsonb,
        after jsonb,
        created_at timestamptz(3) NOT NULL
      );
      CREATE INDEX audit_log_newest ON audit_log (created_at DESC, id DESC);
      CREATE INDEX audit_log_by_resource ON audit_log (resource_id, created_at DESC, id DESC);
      CREATE INDEX audit_log_by_actor ON audit_log (actor_id, created_at DESC, id DESC);

      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('super_admin', 'billing_admin', 'support_rep', 'finance_viewer')),
        prefix text NOT NULL,
        secret_hash text NOT NULL UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at timestamptz(3),
        revoked_at timestamptz(3)
      );

      CREATE TABLE accounts (
        id text PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        currency char(3) NOT NULL,
        timezone text NOT NULL,
        country char(2),
        address jsonb,
        tax_exempt boolean NOT NULL DEFAULT false,
        tax_id text,
        external_key text CONSTRAINT accounts_external_key_unique UNIQUE,
        bill_cycle_day smallint CHECK (bill_cycle_day BETWEEN 1 AND 31),
        net_terms_days integer NOT NULL DEFAULT 0 CHECK (net_terms_days >= 0),
        metadata jsonb NOT NULL DEFAULT '{}',
        credit_balance bigint NOT NULL DEFAULT 0,
        overdue_state text NOT NULL DEFAULT 'ok',
        has_invoices boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL
      );
      CREATE INDEX accounts_newest ON accounts (created_at DESC, id DESC);
      CREATE INDEX accounts_by_email ON accounts (email, created_at DESC, id DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE accounts, api_keys, audit_log, idempotency_keys, processed_events, events,
        scheduled_tasks, scheduler_progress, test_clock;
    `);
  }
}
