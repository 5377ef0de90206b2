import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One event as stored: the client's id and what the metric aggregates, extracted at ingestion. */
export interface StoredUsageEvent {
  id: string;
  subscriptionId: string;
  metricCode: string;
  occurredAt: Date;
  /** Canonical decimal string (sum, max, latest); null otherwise. */
  value: string | null;
  /** The distinct key (unique_count); null otherwise. */
  distinctValue: string | null;
  properties: Record<string, unknown> | null;
}

/**
 * The whole batch in one statement, so it is atomic without a transaction block and costs one round trip:
 * the client ids go into `usage_event_keys` ON CONFLICT DO NOTHING, the events whose key was new into
 * `usage_events`, and their counts, sums and maxima into the hourly `usage_rollups` (ordered, so that two
 * batches lock rollup rows in the same order and cannot deadlock). Columns travel as one array parameter
 * each (unnest), not one parameter per value.
 */
const INSERT_BATCH = `
WITH batch AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::numeric[], $6::text[], $7::jsonb[])
    AS b (id, subscription_id, metric_code, occurred_at, value, distinct_value, properties)
), keys AS (
  INSERT INTO usage_event_keys (id, occurred_at)
  SELECT id, occurred_at FROM batch
  ON CONFLICT DO NOTHING
  RETURNING id
), events AS (
  INSERT INTO usage_events (id, subscription_id, metric_code, occurred_at, value, distinct_value, properties, received_at)
  SELECT b.id, b.subscription_id, b.metric_code, b.occurred_at, b.value, b.distinct_value, b.properties, $8
    FROM batch b JOIN keys k ON k.id = b.id
  RETURNING subscription_id, metric_code, occurred_at, value
), rollups AS (
  INSERT INTO usage_rollups AS r (subscription_id, metric_code, bucket_start, event_count, value_sum, value_max)
  SELECT subscription_id, metric_code, date_trunc('hour', occurred_at, 'UTC'), count(*), coalesce(sum(value), 0), max(value)
    FROM events
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (subscription_id, metric_code, bucket_start) DO UPDATE SET
    event_count = r.event_count + excluded.event_count,
    value_sum = r.value_sum + excluded.value_sum,
    value_max = greatest(r.value_max, excluded.value_max)
)
SELECT count(*)::int AS accepted FROM events`;

@Injectable()
export class UsageEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the events whose id is new; answers how many. The ids must be distinct within the batch (the
   * caller keeps the first of each) and are sent sorted, so that concurrent batches sharing ids wait for
   * each other instead of deadlocking.
   */
  async insert(events: readonly StoredUsageEvent[], receivedAt: Date): Promise<number> {
    if (events.length === 0) return 0;
    const sorted = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rows: { accepted: number }[] = await this.dataSource.query(INSERT_BATCH, [
      sorted.map((event) => event.id),
      sorted.map((event) => event.subscriptionId),
      sorted.map((event) => event.metricCode),
      sorted.map((event) => event.occurredAt.toISOString()),
      sorted.map((event) => event.value),
      sorted.map((event) => event.distinctValue),
      sorted.map((event) => (event.properties ? JSON.stringify(event.properties) : null)),
      receivedAt,
    ]);
    return rows[0].accepted;
  }
}
