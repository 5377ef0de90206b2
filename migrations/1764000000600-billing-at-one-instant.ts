import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Any number of billing actions at one instant. Invoices were unique per (subscription, instant), so a
 * second action at the same instant (create then cancel, two changes) could never be invoiced; exactly
 * once is now keyed on the billing events an invoice consumes (each marked billed once, and one line per
 * event). A fee stays unique per period within a billing epoch: the epoch grows each time billing starts
 * anew (a resume, an interval change), so a period that restarts at the instant an earlier one started is
 * a new fee, while a renewal crossed twice is still refused.
 */
export class BillingAtOneInstant1764000000600 implements MigrationInterface {
  name = 'BillingAtOneInstant1764000000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE invoices DROP CONSTRAINT invoices_one_per_subscription_instant;
      ALTER TABLE subscriptions ADD COLUMN billing_epoch integer NOT NULL DEFAULT 1;
      ALTER TABLE billing_events ADD COLUMN epoch integer NOT NULL DEFAULT 1;
      DROP INDEX billing_events_one_fee_per_period;
      CREATE UNIQUE INDEX billing_events_one_fee_per_period ON billing_events (subscription_id, epoch, period_start) WHERE type = 'period_started';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX billing_events_one_fee_per_period;
      CREATE UNIQUE INDEX billing_events_one_fee_per_period ON billing_events (subscription_id, period_start) WHERE type = 'period_started';
      ALTER TABLE billing_events DROP COLUMN epoch;
      ALTER TABLE subscriptions DROP COLUMN billing_epoch;
      ALTER TABLE invoices ADD CONSTRAINT invoices_one_per_subscription_instant UNIQUE (subscription_id, effective_at);
    `);
  }
}
