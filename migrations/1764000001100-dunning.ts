import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dunning: the deployment's policy (one row, the default from the first start), the unpaid invoices it
 * follows (how many scheduled retries each has had, when it was found overdue; a row goes once it is settled), and
 * which paused subscriptions dunning paused (they resume when their account recovers; a person's pause stays).
 */
export class Dunning1764000001100 implements MigrationInterface {
  name = 'Dunning1764000001100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dunning_policy (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        retry_schedule_days integer[] NOT NULL,
        steps jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );
      INSERT INTO dunning_policy (retry_schedule_days, steps, updated_at) VALUES (
        '{1,3,5,7}',
        '[{"after_days": 3, "action": "notify"}, {"after_days": 14, "action": "block"}, {"after_days": 30, "action": "cancel"}]',
        now()
      );
      CREATE TABLE dunning_invoices (
        invoice_id text PRIMARY KEY,
        account_id text NOT NULL,
        subscription_id text,
        due_at timestamptz NOT NULL,
        retries_done smallint NOT NULL DEFAULT 0,
        overdue_at timestamptz
      );
      CREATE INDEX dunning_invoices_by_due ON dunning_invoices (due_at);
      CREATE INDEX dunning_invoices_by_account ON dunning_invoices (account_id);
      INSERT INTO dunning_invoices (invoice_id, account_id, subscription_id, due_at)
        SELECT id, account_id, subscription_id, due_at FROM invoices
         WHERE status = 'open' AND amount_due - amount_paid - amount_credited > 0;
      ALTER TABLE subscriptions ADD COLUMN paused_by_dunning boolean NOT NULL DEFAULT false;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE subscriptions DROP COLUMN paused_by_dunning;
      DROP TABLE dunning_invoices;
      DROP TABLE dunning_policy;
    `);
  }
}
