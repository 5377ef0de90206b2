import { MigrationInterface, QueryRunner } from 'typeorm';

/** MRR of a version in SQL, as monthlyRecurringRevenue computes it: integers, one rounding half up. */
const MRR = `CASE WHEN status IN ('active', 'past_due') THEN
    div(2 * unit_amount::numeric * quantity
          * CASE interval WHEN 'day' THEN 365 WHEN 'week' THEN 52 WHEN 'month' THEN 12 ELSE 1 END
        + 12 * interval_count,
        24 * interval_count::numeric)::bigint
  ELSE 0 END`;

/**
 * Analytics: the history of subscriptions' billable state (`subscription_versions`, owned and written by the
 * subscriptions lib) and the daily snapshots computed from it (`analytics_daily` per currency and day,
 * `analytics_days` the days computed; owned by the analytics lib).
 *
 * The backfill gives each existing subscription the history its row still tells: a trial up to `trial_end`,
 * then its present plan and quantity up to a pause or an end. Plan changes made before this migration are
 * not in it (the row no longer knows them).
 */
export class Analytics1764000001300 implements MigrationInterface {
  name = 'Analytics1764000001300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE subscription_versions (
        subscription_id text NOT NULL,
        account_id text NOT NULL,
        currency char(3) NOT NULL,
        plan_id text NOT NULL,
        unit_amount bigint NOT NULL,
        quantity integer NOT NULL,
        interval text NOT NULL,
        interval_count integer NOT NULL,
        status text NOT NULL,
        mrr bigint NOT NULL CHECK (mrr >= 0),
        valid_from timestamptz(3) NOT NULL,
        valid_to timestamptz(3),
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      );
      CREATE INDEX subscription_versions_open ON subscription_versions (subscription_id) WHERE valid_to IS NULL;
      CREATE INDEX subscription_versions_by_account ON subscription_versions (account_id, valid_from) WHERE mrr > 0;

      WITH states AS (
        SELECT id, account_id, currency, plan->>'id' AS plan_id, (plan->>'unitAmount')::bigint AS unit_amount, quantity,
               plan->>'interval' AS interval, (plan->>'intervalCount')::integer AS interval_count, status, created_at,
               trial_end, coalesce(ended_at, paused_at) AS stopped_at
          FROM subscriptions
      ),
      spans AS (
        -- A trial: from the start to its end, or to the cancel that ended it first.
        SELECT states.*, 'trialing' AS version_status, created_at AS valid_from,
               CASE WHEN status = 'trialing' THEN NULL ELSE least(trial_end, coalesce(stopped_at, trial_end)) END AS valid_to
          FROM states WHERE trial_end IS NOT NULL
        UNION ALL
        -- Billing: from the start (or the trial's end) to a pause or an end.
        SELECT states.*, CASE status WHEN 'past_due' THEN 'past_due' ELSE 'active' END, coalesce(trial_end, created_at), stopped_at
          FROM states
         WHERE status <> 'trialing' AND (trial_end IS NULL OR stopped_at IS NULL OR trial_end <= stopped_at)
        UNION ALL
        -- The pause or the end, still open.
        SELECT states.*, status, stopped_at, NULL
          FROM states WHERE status IN ('paused', 'canceled') AND stopped_at IS NOT NULL
      ),
      versions AS (
        SELECT id, account_id, currency, plan_id, unit_amount, quantity, interval, interval_count, version_status AS status,
               valid_from, CASE WHEN valid_to IS NOT NULL THEN greatest(valid_to, valid_from) END AS valid_to
          FROM spans
      )
      INSERT INTO subscription_versions
        (subscription_id, account_id, currency, plan_id, unit_amount, quantity, interval, interval_count, status, mrr, valid_from, valid_to)
      SELECT id, account_id, currency, plan_id, unit_amount, quantity, interval, interval_count, status, ${MRR}, valid_from, valid_to
        FROM versions;

      CREATE TABLE analytics_daily (
        currency char(3) NOT NULL,
        day date NOT NULL,
        mrr bigint NOT NULL,
        new bigint NOT NULL,
        expansion bigint NOT NULL,
        contraction bigint NOT NULL,
        churn bigint NOT NULL,
        reactivation bigint NOT NULL,
        active_subscriptions integer NOT NULL,
        active_accounts integer NOT NULL,
        churned_accounts integer NOT NULL,
        PRIMARY KEY (currency, day)
      );
      CREATE TABLE analytics_days (
        day date PRIMARY KEY,
        computed_at timestamptz NOT NULL
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE analytics_days, analytics_daily, subscription_versions`);
  }
}
