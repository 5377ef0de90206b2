import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices, their lines and credit notes. Exactly once is the database's job: one invoice per
 * subscription and billing instant, one line per billing event, and a billing event is marked billed in
 * the transaction that writes its invoice. Numbers come from counters updated in that same transaction,
 * so a rolled-back run leaves no gap.
 */
export class Invoicing1764000000350 implements MigrationInterface {
  name = 'Invoicing1764000000350';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE billing_events ADD COLUMN billed_at timestamptz(3), ADD COLUMN invoice_id text;
      -- Only the unbilled events: the bill run's search stays small however long the history grows.
      CREATE INDEX billing_events_unbilled ON billing_events (effective_at, subscription_id) WHERE billed_at IS NULL;

      CREATE TABLE document_counters (
        name text PRIMARY KEY,
        value bigint NOT NULL
      );
      INSERT INTO document_counters (name, value) VALUES ('invoice', 0), ('credit_note', 0);

      CREATE TABLE invoices (
        id text PRIMARY KEY,
        number text NOT NULL CONSTRAINT invoices_number_unique UNIQUE,
        account_id text NOT NULL REFERENCES accounts (id),
        subscription_id text REFERENCES subscriptions (id),
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
        billing_reason text NOT NULL,
        effective_at timestamptz(3) NOT NULL,
        issued_at timestamptz(3) NOT NULL,
        due_at timestamptz(3) NOT NULL,
        period_start timestamptz(3),
        period_end timestamptz(3),
        subtotal bigint NOT NULL,
        tax bigint NOT NULL,
        total bigint NOT NULL,
        credit_applied bigint NOT NULL,
        amount_due bigint NOT NULL,
        amount_paid bigint NOT NULL DEFAULT 0,
        amount_credited bigint NOT NULL DEFAULT 0,
        notes jsonb NOT NULL DEFAULT '[]',
        paid_at timestamptz(3),
        voided_at timestamptz(3),
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL,
        CONSTRAINT invoices_one_per_subscription_instant UNIQUE (subscription_id, effective_at)
      );
      CREATE INDEX invoices_newest ON invoices (created_at DESC, id DESC);
      CREATE INDEX invoices_by_account ON invoices (account_id, created_at DESC, id DESC);
      CREATE INDEX invoices_by_subscription ON invoices (subscription_id, created_at DESC, id DESC);
      CREATE INDEX invoices_by_status ON invoices (status, created_at DESC, id DESC);

      CREATE TABLE invoice_lines (
        id text PRIMARY KEY,
        invoice_id text NOT NULL REFERENCES invoices (id),
        position integer NOT NULL,
        type text NOT NULL CHECK (type IN ('subscription', 'proration', 'usage', 'credit')),
        description text NOT NULL,
        subscription_id text,
        plan_code text,
        metric_code text,
        quantity text NOT NULL,
        unit_amount text NOT NULL,
        amount bigint NOT NULL,
        tax_amount bigint NOT NULL,
        tax_rate_id text,
        period_start timestamptz(3),
        period_end timestamptz(3),
        billing_event_id text CONSTRAINT invoice_lines_one_per_billing_event UNIQUE,
        UNIQUE (invoice_id, position)
      );

      CREATE TABLE credit_notes (
        id text PRIMARY KEY,
        number text NOT NULL UNIQUE,
        invoice_id text NOT NULL REFERENCES invoices (id),
        account_id text NOT NULL REFERENCES accounts (id),
        currency char(3) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        reason text,
        refund boolean NOT NULL DEFAULT false,
        applied_to text NOT NULL CHECK (applied_to IN ('invoice', 'credit_balance')),
        created_at timestamptz(3) NOT NULL
      );
      CREATE INDEX credit_notes_newest ON credit_notes (created_at DESC, id DESC);
      CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE credit_notes, invoice_lines, invoices, document_counters;
      DROP INDEX billing_events_unbilled;
      ALTER TABLE billing_events DROP COLUMN billed_at, DROP COLUMN invoice_id;
    `);
  }
}
