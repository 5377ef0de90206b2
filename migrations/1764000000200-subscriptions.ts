import { MigrationInterface, QueryRunner } from 'typeorm';

/** Subscriptions and the billing events (fees, proration, lifecycle facts) that invoicing bills from. */
export class Subscriptions1764000000200 implements MigrationInterface {
  name = 'Subscriptions1764000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE subscriptions (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts (id),
        plan_id text NOT NULL,
        plan_code text NOT NULL,
        plan jsonb NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        currency char(3) NOT NULL,
        timezone text NOT NULL,
        bill_cycle_day smallint,
        status text NOT NULL CHECK (status IN ('trialing', 'active', 'paused', 'past_due', 'canceled')),
        anchor timestamptz(3) NOT NULL,
        anchor_day smallint,
        current_period_start timestamptz(3) NOT NULL,
        current_period_end timestamptz(3) NOT NULL,
        trial_end timestamptz(3),
        trial_will_end_notified boolean NOT NULL DEFAULT false,
        cancel_at_period_end boolean NOT NULL DEFAULT false,
        pause_at_period_end boolean NOT NULL DEFAULT false,
        canceled_at timestamptz(3),
        ended_at timestamptz(3),
        paused_at timestamptz(3),
        pending_change jsonb,
        metadata jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL
      );
      CREATE INDEX subscriptions_due ON subscriptions (current_period_end) WHERE status IN ('trialing', 'active', 'past_due');
      CREATE INDEX subscriptions_trial_warning ON subscriptions (trial_end) WHERE status = 'trialing' AND NOT trial_will_end_notified;
      CREATE INDEX subscriptions_newest ON subscriptions (created_at DESC, id DESC);
      CREATE INDEX subscriptions_by_account ON subscriptions (account_id, created_at DESC, id DESC);
      CREATE INDEX subscriptions_by_status ON subscriptions (status, created_at DESC, id DESC);

      CREATE TABLE billing_events (
        id text PRIMARY KEY,
        subscription_id text NOT NULL REFERENCES subscriptions (id),
        account_id text NOT NULL,
        type text NOT NULL,
        effective_at timestamptz(3) NOT NULL,
        period_start timestamptz(3) NOT NULL,
        period_end timestamptz(3) NOT NULL,
        plan_id text NOT NULL,
        plan_code text NOT NULL,
        quantity integer NOT NULL,
        unit_amount bigint NOT NULL,
        currency char(3) NOT NULL,
        amount bigint,
        created_at timestamptz(3) NOT NULL
      );
      -- One fee per subscription and period, whatever runs twice.
      CREATE UNIQUE INDEX billing_events_one_fee_per_period ON billing_events (subscription_id, period_start) WHERE type = 'period_started';
      CREATE INDEX billing_events_by_subscription ON billing_events (subscription_id, effective_at, id);
      CREATE INDEX billing_events_by_account ON billing_events (account_id, effective_at, id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE billing_events, subscriptions`);
  }
}
