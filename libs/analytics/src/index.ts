/**
 * Analytics (docs/api.md, Analytics; README, Analytics): MRR and its movements per currency and day, churn and
 * LTV, read only from daily snapshots.
 *
 * - The rules (domain/): classification per account (new, expansion, contraction, churn, reactivation), the
 *   ranges the API accepts, the day, month, churn and LTV series over stored days, exact ratios.
 * - `DailySnapshotsRun` (run/): the scheduler task's computation of each ended day, set-based in SQL over the
 *   subscriptions' history (read through `accountMrrAt` / `accountMadeMrrBefore` of the subscriptions lib),
 *   and the rebuild of a range (`POST /v1/analytics/rebuild`).
 * - `LatestMrr`: the last day's MRR per currency, for the `mrr_dollars` gauge.
 *
 * Tables: `analytics_daily`, `analytics_days`.
 */
export * from './domain';
export * from './analytics.module';
export * from './commands/rebuild-snapshots/rebuild-snapshots.command';
export * from './queries/get-mrr/get-mrr.query';
export * from './queries/get-churn/get-churn.query';
export * from './queries/get-ltv/get-ltv.query';
export * from './queries/analytics-request';
export * from './queries/analytics.views';
export * from './queries/latest-mrr';
export * from './run/daily-snapshots-run';
