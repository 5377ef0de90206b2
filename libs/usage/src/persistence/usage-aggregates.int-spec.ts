import { createTestDataSource } from '@billing/testing';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { aggregate, MetricDefinition } from '../domain/aggregation';
import { formatRational } from '@billing/kernel';
import { rational } from '@billing/kernel';
import { aggregatePeriod, aggregateWindows, rollupSpan } from './usage-aggregates';
import { StoredUsageEvent, UsageEventStore } from './usage-event.store';
import { UsagePartitions } from './usage-partitions';
import { UsageRetention } from './usage-retention';

const METRICS: MetricDefinition[] = [
  { code: 'calls', aggregation: 'count', field: null },
  { code: 'bytes', aggregation: 'sum', field: null },
  { code: 'peak', aggregation: 'max', field: null },
  { code: 'seats', aggregation: 'latest', field: null },
  { code: 'users', aggregation: 'unique_count', field: 'user' },
];
const BASE = Date.parse('2027-03-31T21:00:00Z');
const HOUR = 3_600_000;
/** Offsets from BASE in [min, max] hours, often exactly on an hour boundary or a millisecond either side of one. */
const instant = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: min * HOUR, max: max * HOUR }),
    fc.tuple(fc.integer({ min, max }), fc.constantFrom(-1, 0, 1)).map(([hours, nudge]) => hours * HOUR + nudge),
  );

describe('usage aggregates in SQL', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: UsageEventStore;
  let partitions: UsagePartitions;
  let subscriptionSequence = 0;

  beforeAll(async () => {
    ({ dataSource, close } = await createTestDataSource());
    store = new UsageEventStore(dataSource);
    partitions = new UsagePartitions(dataSource);
  });
  afterAll(() => close());

  const save = async (events: StoredUsageEvent[], receivedAt = new Date(BASE)) => {
    await partitions.ensureFor(events.map((event) => event.occurredAt));
    return store.insert(events, receivedAt);
  };

  it('answers what the pure aggregator answers, for every aggregation and any window (whole hours from rollups, edges raw)', async () => {
    const arbitraryEvent = fc.record({
      id: fc.stringMatching(/^[!-~]{1,6}$/),
      metric: fc.constantFrom(...METRICS),
      // Six hours around a month boundary (and a partition boundary), to the millisecond.
      offset: instant(0, 6),
      cents: fc.integer({ min: -100_000, max: 100_000 }),
      user: fc.constantFrom('u1', 'u2', 'u3', 'u4'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(arbitraryEvent, { selector: (event) => event.id, minLength: 0, maxLength: 80, size: 'large' }),
        fc.array(fc.tuple(instant(-1, 7), instant(-1, 7)), { minLength: 1, maxLength: 4 }),
        async (generated, windows) => {
          const subscriptionId = `sub_agg_${++subscriptionSequence}`;
          const events: StoredUsageEvent[] = generated.map((event) => ({
            id: `${subscriptionId}:${event.id}`,
            subscriptionId,
            metricCode: event.metric.code,
            occurredAt: new Date(BASE + event.offset),
            value:
              event.metric.aggregation === 'count' || event.metric.aggregation === 'unique_count'
                ? null
                : formatRational(rational(event.cents, 100)),
            distinctValue: event.metric.aggregation === 'unique_count' ? event.user : null,
            properties: null,
          }));
          // In two batches, the second resending part of the first: duplicates must not count.
          const half = Math.floor(events.length / 2);
          await save(events.slice(0, half + 1));
          await save(events.slice(half));
          const bounds = windows.map(([a, b]) => ({ start: new Date(BASE + Math.min(a, b)), end: new Date(BASE + Math.max(a, b)) }));
          // The same windows through the set-based query in one call (plus one of a subscription without
          // events, and one with a subset of the metrics), which must answer exactly what aggregatePeriod does.
          const batch = await aggregateWindows(dataSource.manager, [
            ...bounds.map(({ start, end }, index) => ({ key: `w${index}`, subscriptionId, metrics: METRICS, start, end })),
            { key: 'none', subscriptionId: `${subscriptionId}_none`, metrics: METRICS, start: bounds[0].start, end: bounds[0].end },
            { key: 'some', subscriptionId, metrics: METRICS.slice(2), start: bounds[0].start, end: bounds[0].end },
          ]);
          expect(batch.get('none')).toEqual(new Map(METRICS.map((metric) => [metric.code, '0'])));
          const some = await aggregatePeriod(dataSource.manager, subscriptionId, METRICS.slice(2), bounds[0].start, bounds[0].end);
          expect(batch.get('some')).toEqual(some);
          for (const [index, { start, end }] of bounds.entries()) {
            const quantities = await aggregatePeriod(dataSource.manager, subscriptionId, METRICS, start, end);
            expect({ start, end, quantities: batch.get(`w${index}`) }).toEqual({ start, end, quantities });
            for (const metric of METRICS) {
              const inWindow = events
                .filter((event) => event.metricCode === metric.code && event.occurredAt >= start && event.occurredAt < end)
                .map((event) => ({ id: event.id, timestamp: event.occurredAt, value: event.value, distinctValue: event.distinctValue }));
              expect({ metric: metric.code, start, end, quantity: quantities.get(metric.code) }).toEqual({
                metric: metric.code,
                start,
                end,
                quantity: aggregate(metric.aggregation, inWindow),
              });
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('breaks ties of `latest` by event id in byte order, as the pure aggregator does', async () => {
    const at = new Date(BASE + 90 * 60_000);
    const events = ['a-1', 'B-2', 'a-10', '~'].map((id, index) => ({
      id: `tie:${id}`,
      subscriptionId: 'sub_tie',
      metricCode: 'seats',
      occurredAt: at,
      value: String(index + 1),
      distinctValue: null,
      properties: null,
    }));
    await save(events);
    const quantities = await aggregatePeriod(dataSource.manager, 'sub_tie', METRICS, new Date(BASE), new Date(BASE + 5 * HOUR));
    expect(quantities.get('seats')).toBe('4');
    expect(
      aggregate(
        'latest',
        events.map((event) => ({ ...event, timestamp: event.occurredAt })),
      ),
    ).toBe('4');
  });

  it('counts an id once across batches and within the answer of the second batch', async () => {
    const event = (id: string): StoredUsageEvent => ({
      id,
      subscriptionId: 'sub_dupes',
      metricCode: 'calls',
      occurredAt: new Date(BASE + 10),
      value: null,
      distinctValue: null,
      properties: { source: 'test' },
    });
    expect(await save([event('d1'), event('d2')])).toBe(2);
    expect(await save([event('d2'), event('d3')])).toBe(1);
    const quantities = await aggregatePeriod(dataSource.manager, 'sub_dupes', METRICS, new Date(BASE), new Date(BASE + HOUR));
    expect(quantities.get('calls')).toBe('3');
  });

  it('uses whole UTC hours of the window for the rollups', () => {
    expect(rollupSpan(new Date('2027-03-01T00:30:00Z'), new Date('2027-03-01T03:15:00Z'))).toEqual({
      innerStart: new Date('2027-03-01T01:00:00Z'),
      innerEnd: new Date('2027-03-01T03:00:00Z'),
    });
    const short = { start: new Date('2027-03-01T00:10:00Z'), end: new Date('2027-03-01T00:50:00Z') };
    expect(rollupSpan(short.start, short.end)).toEqual({ innerStart: short.end, innerEnd: short.end });
  });

  it('creates monthly partitions on first use, moving rows that reached the default partition', async () => {
    // A month's partition comes with the next month's.
    await partitions.ensureFor([new Date('2027-04-01T01:00:00Z')]);
    expect(await partitions.existing()).toEqual(expect.arrayContaining(['2027_03', '2027_04', '2027_05']));
    // A month written before its partition exists lands in the default partition, then moves with it.
    await store.insert(
      [
        {
          id: 'early',
          subscriptionId: 'sub_default',
          metricCode: 'calls',
          occurredAt: new Date('2031-06-15T00:00:00Z'),
          value: null,
          distinctValue: null,
          properties: null,
        },
      ],
      new Date(BASE),
    );
    const inDefault = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM usage_events_default`))[0].n;
    expect(await inDefault()).toBe(1);
    await partitions.ensureFor([new Date('2031-06-15T00:00:00Z')]);
    expect(await inDefault()).toBe(0);
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM usage_events_2031_06`))[0].n).toBe(1);
    const quantities = await aggregatePeriod(
      dataSource.manager,
      'sub_default',
      METRICS,
      new Date('2031-06-01T00:00:00Z'),
      new Date('2031-07-01T00:00:00Z'),
    );
    expect(quantities.get('calls')).toBe('1');
  });

  it('purges old partitions, rollups and dedupe keys', async () => {
    const retention = new UsageRetention(dataSource, partitions);
    const result = await retention.purge(new Date('2031-07-10T00:00:00Z'), { eventMonths: 38, keyDays: 36, billedDays: 90 });
    // 38 months before July 2031 is May 2028: the 2027 partitions go.
    expect(result.droppedPartitions).toEqual(expect.arrayContaining(['2027_03', '2027_04']));
    expect(result.droppedPartitions).not.toContain('2031_06');
    expect(result.deletedRollups).toBeGreaterThan(0);
    expect(result.deletedKeys).toBeGreaterThan(0);
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM usage_event_keys`))[0].n).toBe(1);
    expect(await partitions.existing()).toEqual(expect.arrayContaining(['2031_06']));
  });
});
