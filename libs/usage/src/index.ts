/**
 * Usage: ingestion of metered events, their storage at scale, and rating (BILLING-RULES.md, Usage).
 *
 * ## Ingestion (`POST /v1/usage`, IngestUsageCommand)
 * 1–1000 events per batch, checked whole before anything is stored: the shape by a JSON schema compiled once
 * (`USAGE_BATCH_SCHEMA`, also the body's OpenAPI schema), then the meaning with two queries for the batch
 * (metrics; subscriptions and the batch's metrics their plans charge). 422 names every failing field
 * (`events[3].metric_code`); nothing is stored. Then one statement stores the batch (see below) and answers
 * `{ accepted, duplicates }`. Rules where the documents are silent (see domain/acceptance.ts):
 * - `timestamp` from 35 days before the billing clock (`Clock`, never the wall clock) to 5 minutes after it,
 *   and within the subscription's life (created_at ≤ timestamp < ended_at); its plan must charge the metric;
 * - `account_id` goes to the one subscription of the account that charges the metric and was alive at the
 *   timestamp; none or several: 422 for that event;
 * - `value` (or `properties[field]`): a JSON number or a decimal string, |v| < 10^15, negative allowed
 *   (corrections); a negative quantity rates as 0. `unique_count` keys are strings or numbers (42 = "42");
 * - an id repeated inside a batch counts once (the first event), the others in `duplicates`.
 *
 * ## Storage (migrations/1764000000400-usage.ts)
 * - `usage_events`, partitioned by month of `occurred_at` (UsagePartitions creates a month on first use;
 *   a DEFAULT partition keeps inserts safe meanwhile), indexed on (subscription_id, metric_code, occurred_at).
 * - Dedupe: PostgreSQL requires a partitioned table's unique indexes to include the partition key, so
 *   "one id, counted once" cannot be a unique index of `usage_events`. The ids live in `usage_event_keys
 *   (id PRIMARY KEY)`; the batch statement inserts the keys ON CONFLICT DO NOTHING and only the events whose
 *   key it inserted. Keys are kept for the acceptance window: an older timestamp is refused anyway.
 * - `usage_rollups`: count, sum and max per (subscription, metric, UTC hour), upserted by the same
 *   statement. A period reads whole hours from the rollups and the partial hours at its ends raw: for a
 *   subscription with 1 000 000 events the query takes ~3 ms instead of ~310 ms for a scan (bench/usage-ingest),
 *   and the rollups cost ~11% of ingestion throughput. `latest` is one backward index probe; `unique_count` is
 *   counted from the raw events (distinct counts do not add across hours), so it costs a scan of the period's
 *   events (~0.5 s for a million): a per-hour table of distinct values would only help where values repeat
 *   within hours, so it waits for a measurement on real data.
 * - Retention (UsageRetention.purge, for the scheduler's daily run): events and rollups 38 months (the
 *   longest plan period, 3 years, plus the late window), dedupe keys 36 days, billed records 90 days after
 *   their period; event partitions are dropped whole.
 *
 * ## Rating (pure, domain/rating.ts)
 * `ratePrice(model, price, quantity)` / `rateCharge(charge, currency, quantity)` → `{ amount, unitAmount,
 * description, tiers, quantity }`: exact rationals, one rounding per line (half away from zero); the
 * description says how it was priced (tiers used). `aggregate(aggregation, events)` is the pure aggregator
 * that the SQL of persistence/usage-aggregates.ts matches.
 *
 * ## For invoicing
 * - `UsageRating.rateWindows(manager, windows): Promise<RatedUsage[][]>` — every usage charge of each window's
 *   plan over [periodStart, periodEnd) with `metricCode`, `quantity` (decimal string), `amount` (minor units,
 *   rounded once), `unitAmount`, `description`, zero-usage charges included; one query for all of them
 *   (`aggregateWindows`: (window, metric) pairs from `unnest`, each kind probing the index per pair as
 *   `aggregatePeriod` does; the integration test checks both against the pure aggregator), reading through
 *   `manager` (the caller's transaction). The one rating path of the bill run, the preview and the
 *   current-usage endpoint; which window a plan rates is the subscriptions lib's (`usageWindowsClosedAt`,
 *   `currentUsageWindow`). bench/bill-run `--metered` (10 000 renewals with usage): 939 invoices/s with a
 *   query per window, 2 406 invoices/s with one per chunk of 300.
 * - `UsageInvoicing.rate(manager, windows: UsageWindow[]): Promise<Map<usageWindowKey, UsageCharge[]>>` —
 *   the bill run's usage source (the shape of invoicing's UsageSource), two aggregate queries per call
 *   (its windows, then the earlier periods re-rated for late events): the charges of each window
 *   (zero-usage charges left out) plus `late: true` corrections for periods invoiced earlier, and it records
 *   what it rated in `usage_billed`, in the caller's transaction, so call it in the transaction that writes
 *   the invoices (`preview` records nothing). Late events contract: every event stores `received_at`
 *   (billing clock), but late usage is not billed as "the late events alone" (that would price them from
 *   the first tier again): a period already invoiced is re-rated with all its events, and its late line is
 *   the difference with what it billed (`lateUsage`), on the subscription's next invoice, as long as the
 *   period can still receive events (its end + 35 days, + 1 h for batches in flight). Such a correction
 *   may be negative (a `volume` total moving into a cheaper tier).
 */
export * from './domain/acceptance';
export * from './domain/usage-charge';
export * from './domain/aggregation';
export * from './domain/late-usage';
export * from './domain/rating';
export * from './ingestion/usage-batch.schema';
export * from './commands/ingest-usage/ingest-usage.command';
export * from './persistence/metric-cache';
export * from './persistence/usage-aggregates';
export * from './persistence/usage-event.store';
export * from './persistence/usage-partitions';
export * from './persistence/usage-retention';
export * from './queries/get-current-usage/get-current-usage.query';
export * from './queries/current-usage.view';
export * from './rating/usage-rating';
export * from './rating/usage-invoicing';
export * from './usage.module';
