import { EntityManager } from 'typeorm';
import { MetricDefinition } from '../domain/aggregation';
import { canonicalDecimal } from '../domain/decimal';

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
