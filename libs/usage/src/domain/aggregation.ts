import { addRationals, parseDecimal, Rational, rational } from '@billing/kernel';
import type { Aggregation } from '@billing/catalog/domain';
import { canonicalDecimal, compareRationals, decimalFromNumber, formatRational } from '@billing/kernel';

/**
 * How a period's events of one metric become its quantity (BILLING-RULES.md, Usage), as a pure function
 * over the values stored with each event. The database computes the same quantities in SQL (see
 * persistence/usage-aggregates.ts); an integration test checks that both agree on random events.
 *
 * - `count`: the number of events;
 * - `sum`, `max`: of the metric's numeric value (the event's `value`, or `properties[field]`);
 * - `latest`: the value of the last event, by `timestamp` and then by event `id` (byte order);
 * - `unique_count`: the number of distinct values of `properties[field]`.
 * A period without events has the quantity "0" for every aggregation.
 */
export interface AggregatedEvent {
  /** Epoch milliseconds (or a Date) of the event's `timestamp`. */
  timestamp: number | Date;
  id: string;
  /** The metric's numeric value as a decimal string (sum, max, latest); null otherwise. */
  value: string | null;
  /** The metric's distinct key (unique_count); null otherwise. */
  distinctValue: string | null;
}

/** The quantity of `events` under `aggregation`, as a canonical decimal string. */
export function aggregate(aggregation: Aggregation, events: Iterable<AggregatedEvent>): string {
  switch (aggregation) {
    case 'count': {
      let count = 0;
      for (const _ of events) count += 1;
      return String(count);
    }
    case 'sum': {
      let total: Rational = rational(0);
      for (const event of events) if (event.value !== null) total = addRationals(total, parseDecimal(event.value));
      return formatRational(total);
    }
    case 'max': {
      let max: Rational | null = null;
      for (const event of events) {
        if (event.value === null) continue;
        const value = parseDecimal(event.value);
        if (max === null || compareRationals(value, max) > 0) max = value;
      }
      return max === null ? '0' : formatRational(max);
    }
    case 'latest': {
      let latest: AggregatedEvent | null = null;
      for (const event of events) {
        if (event.value === null) continue;
        if (latest === null || compareEventOrder(event, latest) > 0) latest = event;
      }
      return latest === null ? '0' : canonicalDecimal(latest.value as string);
    }
    case 'unique_count': {
      const seen = new Set<string>();
      for (const event of events) if (event.distinctValue !== null) seen.add(event.distinctValue);
      return String(seen.size);
    }
  }
}

/** Orders events by timestamp, then by id in byte order (ids are visible ASCII, so code-unit order is byte order). */
export function compareEventOrder(a: Pick<AggregatedEvent, 'timestamp' | 'id'>, b: Pick<AggregatedEvent, 'timestamp' | 'id'>): number {
  const difference = toMillis(a.timestamp) - toMillis(b.timestamp);
  if (difference !== 0) return difference < 0 ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function toMillis(value: number | Date): number {
  return typeof value === 'number' ? value : value.getTime();
}

/** Which stored value a metric aggregates. */
export interface MetricDefinition {
  code: string;
  aggregation: Aggregation;
  field: string | null;
}

/** Largest magnitude of one event's numeric value: 15 integer digits, as for unit amounts. */
export const MAX_EVENT_VALUE = 1e15;
/** Longest distinct key of a `unique_count` metric. */
export const MAX_DISTINCT_VALUE_LENGTH = 255;
const DECIMAL_STRING = /^-?(0|[1-9]\d{0,14})(\.\d{1,12})?$/;

export type ExtractedValue =
  { ok: true; value: string | null; distinctValue: string | null } | { ok: false; field: string; message: string };

/**
 * What one event contributes to its metric, checked: the numeric value of `sum`/`max`/`latest` (the event's
 * `value`, or `properties[field]` when the metric names a field) as a canonical decimal string, or the
 * distinct key of `unique_count` (a string, or a number spelled as a decimal). `count` stores neither and
 * ignores `value`. `field` answers the API path of the offending field, relative to the event.
 */
export function extractMetricValue(
  metric: MetricDefinition,
  event: { value?: unknown; properties?: Record<string, unknown> | null },
): ExtractedValue {
  switch (metric.aggregation) {
    case 'count':
      return { ok: true, value: null, distinctValue: null };
    case 'unique_count': {
      const field = metric.field as string;
      const raw = event.properties?.[field];
      const path = `properties.${field}`;
      if (raw === undefined || raw === null) {
        return { ok: false, field: path, message: `is required: metric ${metric.code} counts the distinct values of properties.${field}` };
      }
      if (typeof raw === 'string' && raw.length > 0 && raw.length <= MAX_DISTINCT_VALUE_LENGTH) {
        return { ok: true, value: null, distinctValue: raw };
      }
      if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: null, distinctValue: decimalFromNumber(raw) };
      return { ok: false, field: path, message: `must be a string of 1–${MAX_DISTINCT_VALUE_LENGTH} characters or a number` };
    }
    case 'sum':
    case 'max':
    case 'latest': {
      const fromProperties = metric.field !== null;
      const raw = fromProperties ? event.properties?.[metric.field as string] : event.value;
      const path = fromProperties ? `properties.${metric.field}` : 'value';
      if (raw === undefined || raw === null) {
        const what = fromProperties ? `properties.${metric.field}` : `the event's value`;
        return { ok: false, field: path, message: `is required: metric ${metric.code} aggregates (${metric.aggregation}) ${what}` };
      }
      const value = numericValue(raw);
      if (value === null) {
        return { ok: false, field: path, message: `must be a number (or a decimal string) of at most 15 integer digits` };
      }
      // Usage is a quantity consumed: a correction is a credit note, not a negative event.
      if (value.startsWith('-')) return { ok: false, field: path, message: 'must not be negative' };
      return { ok: true, value, distinctValue: null };
    }
  }
}

/** A JSON number or decimal string as a canonical decimal string; null when it is neither or out of range. */
export function numericValue(raw: unknown): string | null {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || Math.abs(raw) >= MAX_EVENT_VALUE) return null;
    return decimalFromNumber(raw);
  }
  if (typeof raw === 'string' && DECIMAL_STRING.test(raw)) return canonicalDecimal(raw);
  return null;
}
