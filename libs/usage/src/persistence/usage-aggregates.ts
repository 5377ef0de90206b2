import { EntityManager } from 'typeorm';
import { MetricDefinition } from '../domain/aggregation';
import { canonicalDecimal } from '@billing/kernel';

const HOUR_MS = 3_600_000;

/**
 * The whole UTC hours of [start, end) that the rollups answer, as [inner start, inner end); the raw events
 * answer [start, inner start) and [inner end, end). A window shorter than its hours is read raw entirely.
 */
export function rollupSpan(start: Date, end: Date): { innerStart: Date; innerEnd: Date } {
  const innerStart = Math.ceil(start.getTime() / HOUR_MS) * HOUR_MS;
  const innerEnd = Math.floor(end.getTime() / HOUR_MS) * HOUR_MS;
  if (innerStart >= innerEnd) return { innerStart: end, innerEnd: end };
  return { innerStart: new Date(innerStart), innerEnd: new Date(innerEnd) };
}

/**
 * One query for every metric of a subscription over [start, end):
 * - `count`, `sum`, `max`: whole hours from `usage_rollups`, the partial hours at both ends from the events;
 * - `latest`: the last event by (occurred_at, id), one backward probe of the index per metric;
 * - `unique_count`: count(DISTINCT) over the events (distinct counts do not add up across hours).
 * The answers are the same quantities as the pure `aggregate` (an integration test checks it).
 */
const AGGREGATE_PERIOD = `
WITH rolled AS (
  SELECT metric_code, sum(n) AS n, sum(s) AS s, max(mx) AS mx FROM (
    SELECT metric_code, sum(event_count) AS n, sum(value_sum) AS s, max(value_max) AS mx
      FROM usage_rollups
     WHERE subscription_id = $1 AND metric_code = ANY($4::text[]) AND bucket_start >= $6 AND bucket_start < $7
     GROUP BY metric_code
    UNION ALL
    SELECT metric_code, count(*), coalesce(sum(value), 0), max(value)
      FROM usage_events
     WHERE subscription_id = $1 AND metric_code = ANY($4::text[])
       AND ((occurred_at >= $2 AND occurred_at < $6) OR (occurred_at >= $7 AND occurred_at < $3))
     GROUP BY metric_code
  ) parts
  GROUP BY metric_code
), latest AS (
  SELECT code AS metric_code, last.value
    FROM unnest($5::text[]) AS code
   CROSS JOIN LATERAL (
     SELECT value FROM usage_events
      WHERE subscription_id = $1 AND metric_code = code AND occurred_at >= $2 AND occurred_at < $3 AND value IS NOT NULL
      ORDER BY occurred_at DESC, id DESC
      LIMIT 1
   ) last
), uniques AS (
  SELECT metric_code, count(DISTINCT distinct_value) AS n
    FROM usage_events
   WHERE subscription_id = $1 AND metric_code = ANY($8::text[]) AND occurred_at >= $2 AND occurred_at < $3
   GROUP BY metric_code
)
SELECT metric_code, n::text AS count, s::text AS sum, mx::text AS max, NULL AS latest, NULL AS uniques FROM rolled
UNION ALL SELECT metric_code, NULL, NULL, NULL, value::text, NULL FROM latest
UNION ALL SELECT metric_code, NULL, NULL, NULL, NULL, n::text FROM uniques`;

interface AggregateRow {
  metric_code: string;
  count: string | null;
  sum: string | null;
  max: string | null;
  latest: string | null;
  uniques: string | null;
}

/** The quantity of each metric over [start, end) for one subscription, as canonical decimal strings ("0" without events). */
export async function aggregatePeriod(
  manager: EntityManager,
  subscriptionId: string,
  metrics: readonly MetricDefinition[],
  start: Date,
  end: Date,
): Promise<Map<string, string>> {
  const quantities = new Map(metrics.map((metric) => [metric.code, '0']));
  if (metrics.length === 0 || end.getTime() <= start.getTime()) return quantities;
  const codesOf = (aggregations: string[]) =>
    metrics.filter((metric) => aggregations.includes(metric.aggregation)).map((metric) => metric.code);
  const { innerStart, innerEnd } = rollupSpan(start, end);
  const rows: AggregateRow[] = await manager.query(AGGREGATE_PERIOD, [
    subscriptionId,
    start,
    end,
    codesOf(['count', 'sum', 'max']),
    codesOf(['latest']),
    innerStart,
    innerEnd,
    codesOf(['unique_count']),
  ]);
  const byCode = new Map(metrics.map((metric) => [metric.code, metric]));
  for (const row of rows) {
    const metric = byCode.get(row.metric_code);
    if (!metric) continue;
    const value = pick(metric, row);
    if (value !== null) quantities.set(metric.code, canonicalDecimal(value));
  }
  return quantities;
}

function pick(metric: MetricDefinition, row: AggregateRow): string | null {
  switch (metric.aggregation) {
    case 'count':
      return row.count;
    case 'sum':
      return row.sum;
    case 'max':
      return row.max;
    case 'latest':
      return row.latest;
    case 'unique_count':
      return row.uniques;
  }
}

/** One window of {@link aggregateWindows}: the metrics of a subscription over [start, end), answered under `key`. */
export interface AggregateWindow {
  key: string;
  subscriptionId: string;
  metrics: readonly MetricDefinition[];
  start: Date;
  end: Date;
}

/**
 * The same answers as {@link AGGREGATE_PERIOD} for many windows in one query: one row per (window, metric)
 * from `unnest`, each kind probing the index per pair as the one-window query does (whole hours from the
 * rollups and edges raw for count/sum/max, a backward probe for `latest`, count(DISTINCT) for `unique_count`).
 * `HAVING count(*) > 0` keeps "no rows, no answer" as in the one-window query (the quantity then stays "0").
 */
const AGGREGATE_WINDOWS = `
WITH pairs AS MATERIALIZED (
  SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])
    AS p (window_index, subscription_id, metric_code, kind, start_at, end_at, inner_start, inner_end)
), rolled AS (
  SELECT p.window_index, p.metric_code, sum(parts.n) AS n, sum(parts.s) AS s, max(parts.mx) AS mx
    FROM pairs p
   CROSS JOIN LATERAL (
     SELECT sum(r.event_count) AS n, sum(r.value_sum) AS s, max(r.value_max) AS mx
       FROM usage_rollups r
      WHERE r.subscription_id = p.subscription_id AND r.metric_code = p.metric_code
        AND r.bucket_start >= p.inner_start AND r.bucket_start < p.inner_end
     HAVING count(*) > 0
     UNION ALL
     SELECT count(*), coalesce(sum(e.value), 0), max(e.value)
       FROM usage_events e
      WHERE e.subscription_id = p.subscription_id AND e.metric_code = p.metric_code
        AND ((e.occurred_at >= p.start_at AND e.occurred_at < p.inner_start) OR (e.occurred_at >= p.inner_end AND e.occurred_at < p.end_at))
     HAVING count(*) > 0
   ) parts
   WHERE p.kind = 'rolled'
   GROUP BY p.window_index, p.metric_code
), latest AS (
  SELECT p.window_index, p.metric_code, last.value
    FROM pairs p
   CROSS JOIN LATERAL (
     SELECT e.value FROM usage_events e
      WHERE e.subscription_id = p.subscription_id AND e.metric_code = p.metric_code
        AND e.occurred_at >= p.start_at AND e.occurred_at < p.end_at AND e.value IS NOT NULL
      ORDER BY e.occurred_at DESC, e.id DESC
      LIMIT 1
   ) last
   WHERE p.kind = 'latest'
), uniques AS (
  SELECT p.window_index, p.metric_code, count(DISTINCT e.distinct_value) AS n
    FROM pairs p
    JOIN usage_events e ON e.subscription_id = p.subscription_id AND e.metric_code = p.metric_code
                       AND e.occurred_at >= p.start_at AND e.occurred_at < p.end_at
   WHERE p.kind = 'unique_count'
   GROUP BY p.window_index, p.metric_code
)
SELECT window_index, metric_code, n::text AS count, s::text AS sum, mx::text AS max, NULL AS latest, NULL AS uniques FROM rolled
UNION ALL SELECT window_index, metric_code, NULL, NULL, NULL, value::text, NULL FROM latest
UNION ALL SELECT window_index, metric_code, NULL, NULL, NULL, NULL, n::text FROM uniques`;

function kindOf(metric: MetricDefinition): 'rolled' | 'latest' | 'unique_count' {
  if (metric.aggregation === 'latest') return 'latest';
  if (metric.aggregation === 'unique_count') return 'unique_count';
  return 'rolled';
}

/**
 * The quantity of each metric of each window, keyed by the window's `key` then the metric's code: exactly
 * what {@link aggregatePeriod} answers for each window (an integration test checks it), in one query for
 * all of them instead of one per window. Keys must be unique.
 */
export async function aggregateWindows(
  manager: EntityManager,
  windows: readonly AggregateWindow[],
): Promise<Map<string, Map<string, string>>> {
  const result = new Map<string, Map<string, string>>();
  const indexes: number[] = [];
  const subscriptionIds: string[] = [];
  const codes: string[] = [];
  const kinds: string[] = [];
  const starts: Date[] = [];
  const ends: Date[] = [];
  const innerStarts: Date[] = [];
  const innerEnds: Date[] = [];
  windows.forEach((window, index) => {
    result.set(window.key, new Map(window.metrics.map((metric) => [metric.code, '0'])));
    if (window.end.getTime() <= window.start.getTime()) return;
    const { innerStart, innerEnd } = rollupSpan(window.start, window.end);
    const seen = new Set<string>();
    for (const metric of window.metrics) {
      if (seen.has(metric.code)) continue;
      seen.add(metric.code);
      indexes.push(index);
      subscriptionIds.push(window.subscriptionId);
      codes.push(metric.code);
      kinds.push(kindOf(metric));
      starts.push(window.start);
      ends.push(window.end);
      innerStarts.push(innerStart);
      innerEnds.push(innerEnd);
    }
  });
  if (indexes.length === 0) return result;
  const rows: (AggregateRow & { window_index: number })[] = await manager.query(AGGREGATE_WINDOWS, [
    indexes,
    subscriptionIds,
    codes,
    kinds,
    starts,
    ends,
    innerStarts,
    innerEnds,
  ]);
  for (const row of rows) {
    const window = windows[row.window_index];
    const metric = window?.metrics.find((candidate) => candidate.code === row.metric_code);
    if (!metric) continue;
    const value = pick(metric, row);
    if (value !== null) result.get(window.key)?.set(metric.code, canonicalDecimal(value));
  }
  return result;
}
