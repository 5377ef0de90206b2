import { accountMadeMrrBefore, accountMrrAt } from '@billing/subscriptions';
import { EntityManager } from 'typeorm';
import type { DailySnapshot } from '../domain/analytics-series';

/**
 * Computes one day's snapshot per currency, set-based: each account's MRR at the end of the day (`$2`, the next
 * midnight UTC) against the end of the day before (`$1`), from the subscriptions' history, classified as
 * domain/mrr-movements.ts's classifyAccountDay does. The day's rows are replaced, so a day computed again
 * (the scheduler's next run, a rebuild) gives the same rows: idempotent.
 */
const COMPUTE_DAY = `
  WITH accounts AS (
    SELECT coalesce(after.account_id, before.account_id) AS account_id,
           coalesce(after.currency, before.currency) AS currency,
           coalesce(before.mrr, 0) AS before,
           coalesce(after.mrr, 0) AS after,
           coalesce(after.paying_subscriptions, 0) AS paying_subscriptions
      FROM ${accountMrrAt('$2::timestamptz')} after
      FULL JOIN ${accountMrrAt('$1::timestamptz')} before
        ON before.account_id = after.account_id AND before.currency = after.currency
  ),
  classified AS (
    SELECT accounts.*,
           CASE WHEN before = 0 AND after > 0 THEN ${accountMadeMrrBefore('accounts.account_id', '$1::timestamptz')} END AS came_back
      FROM accounts
  )
  INSERT INTO analytics_daily (currency, day, mrr, new, expansion, contraction, churn, reactivation,
                               active_subscriptions, active_accounts, churned_accounts)
  SELECT currency, $3::date, sum(after),
         coalesce(sum(after) FILTER (WHERE before = 0 AND after > 0 AND NOT came_back), 0),
         coalesce(sum(after - before) FILTER (WHERE before > 0 AND after > before), 0),
         coalesce(sum(before - after) FILTER (WHERE after > 0 AND after < before), 0),
         coalesce(sum(before) FILTER (WHERE before > 0 AND after = 0), 0),
         coalesce(sum(after) FILTER (WHERE before = 0 AND after > 0 AND came_back), 0),
         sum(paying_subscriptions), count(*) FILTER (WHERE after > 0), count(*) FILTER (WHERE before > 0 AND after = 0)
    FROM classified
   GROUP BY currency`;

const DAY_MS = 86_400_000;
/**
 * A day's statement may run this long, in the api's sessions too (whose limit is 5 s, for callers that wait on
 * reads): a rebuild asked through the api is background work of an administrator, and a million subscriptions
 * take seconds per day.
 */
const COMPUTE_TIMEOUT_MS = 600_000;

interface PgClient {
  query(config: { text: string; values: unknown[]; query_timeout: number }): Promise<unknown>;
}

/** The analytics' snapshots: `analytics_daily` (per currency and day) and `analytics_days` (the days computed). */
export const DailySnapshots = {
  /** Computes `day` (YYYY-MM-DD) in the caller's transaction, replacing what was there. */
  async computeDay(manager: EntityManager, day: string, now: Date): Promise<void> {
    const end = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
    const previousEnd = new Date(end.getTime() - DAY_MS);
    await manager.query(`DELETE FROM analytics_daily WHERE day = $1::date`, [day]);
    await manager.query(`SET LOCAL statement_timeout = ${COMPUTE_TIMEOUT_MS}`);
    // The driver's own wait (query_timeout) is per statement: this one gets as long as the server allows it.
    const client = (await manager.queryRunner?.connect()) as PgClient | undefined;
    if (client) await client.query({ text: COMPUTE_DAY, values: [previousEnd, end, day], query_timeout: COMPUTE_TIMEOUT_MS + 1000 });
    else await manager.query(COMPUTE_DAY, [previousEnd, end, day]);
    await manager.query(
      `INSERT INTO analytics_days (day, computed_at) VALUES ($1::date, $2) ON CONFLICT (day) DO UPDATE SET computed_at = excluded.computed_at`,
      [day, now],
    );
  },

  /** Changes whenever a day is computed (again): the last computation's instant and the number of days. */
  async version(manager: EntityManager): Promise<string> {
    const [row] = await manager.query(`SELECT max(computed_at)::text || '/' || count(*) AS version FROM analytics_days`);
    return row.version ?? 'none';
  },

  /** The last day computed, or null before the first. */
  async lastComputedDay(manager: EntityManager): Promise<string | null> {
    const [row] = await manager.query(`SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM analytics_days`);
    return row.day;
  },

  /**
   * A currency's rows from `from` to `to`, one per day computed (a computed day without a row for the currency
   * had no MRR and no movement in it: zeros), in date order.
   */
  async read(manager: EntityManager, currency: string, from: string, to: string): Promise<DailySnapshot[]> {
    const rows: Record<string, string | number>[] = await manager.query(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS date, coalesce(a.mrr, 0) AS mrr, coalesce(a.new, 0) AS new,
              coalesce(a.expansion, 0) AS expansion, coalesce(a.contraction, 0) AS contraction, coalesce(a.churn, 0) AS churn,
              coalesce(a.reactivation, 0) AS reactivation, coalesce(a.active_subscriptions, 0) AS active_subscriptions,
              coalesce(a.active_accounts, 0) AS active_accounts, coalesce(a.churned_accounts, 0) AS churned_accounts
         FROM analytics_days d
         LEFT JOIN analytics_daily a ON a.day = d.day AND a.currency = $1
        WHERE d.day BETWEEN $2::date AND $3::date
        ORDER BY d.day`,
      [currency, from, to],
    );
    return rows.map((row) => ({
      date: row.date as string,
      mrr: Number(row.mrr),
      new: Number(row.new),
      expansion: Number(row.expansion),
      contraction: Number(row.contraction),
      churn: Number(row.churn),
      reactivation: Number(row.reactivation),
      activeSubscriptions: Number(row.active_subscriptions),
      activeAccounts: Number(row.active_accounts),
      churnedAccounts: Number(row.churned_accounts),
    }));
  },

  /** Each currency's MRR on the last day computed (for the `mrr_dollars` gauge). */
  async latestMrr(manager: EntityManager): Promise<{ currency: string; mrr: number }[]> {
    const rows: { currency: string; mrr: string }[] = await manager.query(
      `SELECT currency, mrr FROM analytics_daily WHERE day = (SELECT max(day) FROM analytics_days) ORDER BY currency`,
    );
    return rows.map((row) => ({ currency: row.currency, mrr: Number(row.mrr) }));
  },
};
