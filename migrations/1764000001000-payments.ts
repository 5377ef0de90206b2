import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments (the payments lib's tables). A payment is one attempt to collect one invoice: its row is written
 * `pending` before the provider is called, so the provider's idempotency key (`payment_<id>`) exists before
 * any money can move, and a unique index allows one live attempt per invoice (pending, unknown or
 * succeeded): two `/pay` calls at one instant, or a saga redelivered, cannot charge twice. A credit note
 * may now be a refund (`applied_to = 'refund'`), and an invoice counts what such notes sent back.
 */
export class Payments1764000001000 implements MigrationInterface {
  name = 'Payments1764000001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payment_customers (
        account_id text NOT NULL REFERENCES accounts (id),
        provider text NOT NULL,
        customer_id text NOT NULL,
        created_at timestamptz(3) NOT NULL,
        PRIMARY KEY (account_id, provider)
      );
      CREATE TABLE payment_methods (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts (id),
        provider text NOT NULL,
        provider_payment_method_id text NOT NULL,
        brand text NOT NULL,
        last4 text NOT NULL,
        exp_month integer NOT NULL,
        exp_year integer NOT NULL,
        is_default boolean NOT NULL,
        created_at timestamptz(3) NOT NULL,
        detached_at timestamptz(3)
      );
      CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (account_id) WHERE is_default AND detached_at IS NULL;
      CREATE INDEX payment_methods_by_account ON payment_methods (account_id, created_at DESC, id DESC) WHERE detached_at IS NULL;
      CREATE TABLE payments (
        id text PRIMARY KEY,
        invoice_id text NOT NULL REFERENCES invoices (id),
        account_id text NOT NULL REFERENCES accounts (id),
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'unknown')),
        provider text NOT NULL CHECK (provider IN ('stripe', 'sandbox', 'manual')),
        payment_method_id text REFERENCES payment_methods (id),
        provider_payment_id text,
        failure_code text,
        failure_message text,
        attempt integer NOT NULL CHECK (attempt > 0),
        refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL,
        UNIQUE (invoice_id, attempt)
      );
      CREATE UNIQUE INDEX payments_one_live_per_invoice ON payments (invoice_id) WHERE status IN ('pending', 'unknown', 'succeeded');
      CREATE INDEX payments_newest ON payments (created_at DESC, id DESC);
      CREATE INDEX payments_by_account ON payments (account_id, created_at DESC, id DESC);
      CREATE INDEX payments_unsettled ON payments (updated_at) WHERE status IN ('pending', 'unknown');
      CREATE TABLE refunds (
        id text PRIMARY KEY,
        payment_id text NOT NULL REFERENCES payments (id),
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        provider_refund_id text,
        failure_code text,
        created_at timestamptz(3) NOT NULL
      );
      CREATE INDEX refunds_by_payment ON refunds (payment_id);
      ALTER TABLE invoices ADD COLUMN amount_refunded bigint NOT NULL DEFAULT 0;
      ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_applied_to_check;
      ALTER TABLE credit_notes ADD CONSTRAINT credit_notes_applied_to_check CHECK (applied_to IN ('invoice', 'credit_balance', 'refund'));
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz(3) NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE stripe_events, refunds, payments, payment_methods, payment_customers;
      ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_applied_to_check;
      ALTER TABLE credit_notes ADD CONSTRAINT credit_notes_applied_to_check CHECK (applied_to IN ('invoice', 'credit_balance'));
      ALTER TABLE invoices DROP COLUMN amount_refunded;
    `);
  }
}
