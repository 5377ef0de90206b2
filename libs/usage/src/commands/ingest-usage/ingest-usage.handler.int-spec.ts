import { systemContext, ValidationFailed } from '@billing/kernel';
import { SubscriptionsModule } from '@billing/subscriptions';
import { BillingFixtures, startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { UsageModule } from '../../usage.module';
import { IngestResult, IngestUsageCommand } from './ingest-usage.command';

/** `POST /v1/usage` below HTTP: idempotent by event id, duplicates within a batch, the whole batch checked first. */
describe(IngestUsageCommand.name, () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let fixtures: BillingFixtures;
  let metered: string;
  let meteredAccount: string;
  let unmetered: string;
  let sequence = 0;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([SubscriptionsModule, UsageModule]));
    fixtures = new BillingFixtures(app);
    await fixtures.moveClockTo('2027-03-01T00:00:00Z');
    await fixtures.metric({ code: 'gigabytes', name: 'Gigabytes', aggregation: 'sum' });
    await fixtures.metric({ code: 'calls', name: 'Calls', aggregation: 'count' });
    const charge = (metricCode: string) => ({ metricCode, model: 'per_unit' as const, prices: [{ currency: 'USD', unitAmount: '1' }] });
    await fixtures.plan({ code: 'metered', charges: [charge('gigabytes'), charge('calls')] });
    await fixtures.plan({ code: 'flat' });
    const account = await fixtures.account();
    meteredAccount = account.id;
    metered = (await fixtures.subscribe(account.id, 'metered')).id;
    unmetered = (await fixtures.subscribe(account.id, 'flat')).id;
    await fixtures.moveClockTo('2027-03-10T00:00:00Z');
  });
  afterAll(() => close());

  const ingest = (events: object[]): Promise<IngestResult> =>
    app.get(CommandBus).execute(new IngestUsageCommand({ events }, systemContext(`usage-${++sequence}`)));
  const event = (id: string, value: number, extra: object = {}) => ({
    id,
    subscription_id: metered,
    metric_code: 'gigabytes',
    timestamp: '2027-03-05T12:00:00Z',
    value,
    ...extra,
  });
  /** The stored events whose id starts with `prefix`, and their total. */
  const stored = async (prefix: string) => {
    const rows: { id: string; value: string; subscription_id: string }[] = await dataSource.query(
      `SELECT id, value::text, subscription_id FROM usage_events WHERE id LIKE $1 || '%' ORDER BY id`,
      [prefix],
    );
    return rows;
  };
  const refusal = async (events: object[]) => {
    const error = await ingest(events).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).errors ?? [];
  };

  it('stores an event once by its id: a resent batch counts as duplicates, a new id in it is accepted', async () => {
    expect(await ingest([event('idem-a', 1), event('idem-b', 2), event('idem-c', 3)])).toEqual({ accepted: 3, duplicates: 0 });
    // A retry with different values for known ids changes nothing of them.
    expect(await ingest([event('idem-b', 20), event('idem-c', 30), event('idem-d', 4)])).toEqual({ accepted: 1, duplicates: 2 });

    expect((await stored('idem-')).map((row) => [row.id, row.value])).toEqual([
      ['idem-a', '1'],
      ['idem-b', '2'],
      ['idem-c', '3'],
      ['idem-d', '4'],
    ]);
  });

  it('keeps the first of an id repeated within one batch and counts the others as duplicates', async () => {
    expect(await ingest([event('rep-x', 5), event('rep-y', 1), event('rep-x', 7), event('rep-x', 9)])).toEqual({
      accepted: 2,
      duplicates: 2,
    });
    expect((await stored('rep-')).map((row) => [row.id, row.value])).toEqual([
      ['rep-x', '5'],
      ['rep-y', '1'],
    ]);
  });

  it('stores each event once when the same batch arrives twice at the same time', async () => {
    const batch = Array.from({ length: 300 }, (_, index) => event(`race-${String(index).padStart(3, '0')}`, 1));

    const [first, second] = await Promise.all([ingest(batch), ingest(batch)]);

    expect(first.accepted + second.accepted).toBe(300);
    expect(first.duplicates + second.duplicates).toBe(300);
    expect(await stored('race-')).toHaveLength(300);
    const [rollup] = await dataSource.query(
      `SELECT sum(event_count)::int AS events FROM usage_rollups WHERE subscription_id = $1 AND metric_code = 'gigabytes'
          AND bucket_start = '2027-03-05T12:00:00Z'`,
      [metered],
    );
    // Every gigabytes event of that hour so far: idem (4), rep (2) and race (300), each counted once.
    expect(rollup.events).toBe(306);
  });

  it('resolves an account_id to the subscription of the account whose plan charges the metric', async () => {
    expect(await ingest([{ id: 'acct-1', account_id: meteredAccount, metric_code: 'calls', timestamp: '2027-03-09T00:00:00Z' }])).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    expect((await stored('acct-')).map((row) => row.subscription_id)).toEqual([metered]);
  });

  it('checks the whole batch against the database first: every bad event named, nothing stored', async () => {
    const errors = await refusal([
      event('bad-ok', 1),
      event('bad-metric', 1, { metric_code: 'unknown' }),
      event('bad-uncharged', 1, { subscription_id: unmetered }),
      event('bad-subscription', 1, { subscription_id: 'sub_missing' }),
      event('bad-old', 1, { timestamp: '2027-02-01T00:00:00Z' }),
      event('bad-early', 1, { timestamp: '2027-02-28T23:59:59Z' }),
      event('bad-future', 1, { timestamp: '2027-03-10T00:10:00Z' }),
      { id: 'bad-account', account_id: 'acct_missing', metric_code: 'calls', timestamp: '2027-03-09T00:00:00Z' },
    ]);

    expect(errors.map((error) => error.field)).toEqual([
      'events[1].metric_code',
      'events[2].metric_code',
      'events[3].subscription_id',
      'events[4].timestamp',
      'events[5].timestamp',
      'events[6].timestamp',
      'events[7].account_id',
    ]);
    const messageOf = (field: string) => errors.find((error) => error.field === field)?.message;
    expect(messageOf('events[2].metric_code')).toContain('does not charge metric gigabytes');
    expect(messageOf('events[5].timestamp')).toContain('before subscription');
    expect(await stored('bad-')).toEqual([]);
    // Refused events leave no key behind: sent again once valid, they are accepted.
    expect(await ingest([event('bad-ok', 1)])).toEqual({ accepted: 1, duplicates: 0 });
  });
});
