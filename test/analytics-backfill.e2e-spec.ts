import { systemContext } from '@billing/kernel';
import { CancelSubscriptionCommand, PauseSubscriptionCommand, SubscriptionRenewals, SubscriptionsModule } from '@billing/subscriptions';
import { BillingFixtures, startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Analytics1764000001300 } from '../migrations/1764000001300-analytics';

/**
 * The analytics migration on a database that already has subscriptions: each gets the history its row still
 * tells (a trial up to its end, the present plan up to a pause or an end), with the MRR the saves would write.
 */
describe('analytics migration backfill', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([SubscriptionsModule]));
  });
  afterAll(() => close());

  it('gives existing subscriptions their versions', async () => {
    const fixtures = new BillingFixtures(app);
    const bus = app.get(CommandBus);
    await fixtures.moveClockTo('2027-06-01T00:00:00Z');
    await fixtures.plan({ code: 'yearly', interval: 'year', prices: [{ currency: 'USD', amount: 1000 }] });
    const account = (await fixtures.account()).id;
    const active = (await fixtures.subscribe(account, 'yearly', { quantity: 3 })).id;
    const trial = (await fixtures.subscribe(account, 'yearly', { trialDays: 30 })).id;
    const paused = (await fixtures.subscribe(account, 'yearly')).id;
    const canceled = (await fixtures.subscribe(account, 'yearly')).id;
    const converted = (await fixtures.subscribe(account, 'yearly', { trialDays: 2 })).id;
    // The trial ended on June 3; the renewals cross it a week late, and its version still dates from June 3.
    await app.get(SubscriptionRenewals).advanceDue(await fixtures.moveClockTo('2027-06-10T00:00:00Z'));
    await bus.execute(new PauseSubscriptionCommand(paused, 'immediate', systemContext('test')));
    await bus.execute(new CancelSubscriptionCommand(canceled, 'immediate', 'none', systemContext('test')));

    const versions = async () =>
      (
        await dataSource.query(
          `SELECT subscription_id, status, mrr::int, valid_from, valid_to FROM subscription_versions
            ORDER BY subscription_id, valid_from, status DESC`,
        )
      )
        .map((row: { subscription_id: string; status: string; mrr: number; valid_from: Date; valid_to: Date | null }) => [
          row.subscription_id,
          row.status,
          row.mrr,
          row.valid_from.toISOString().slice(0, 10),
          row.valid_to?.toISOString().slice(0, 10) ?? null,
        ])
        .sort(byIdThenStart);
    const written = await versions();

    const migration = new Analytics1764000001300();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }

    // 3 × 1000 a year = 250 a month; 1000 a year = 83.33, rounded half up once: 83.
    const expected = [
      [active, 'active', 250, '2027-06-01', null],
      [trial, 'trialing', 0, '2027-06-01', null],
      [paused, 'active', 83, '2027-06-01', '2027-06-10'],
      [paused, 'paused', 0, '2027-06-10', null],
      [canceled, 'active', 83, '2027-06-01', '2027-06-10'],
      [canceled, 'canceled', 0, '2027-06-10', null],
      [converted, 'trialing', 0, '2027-06-01', '2027-06-03'],
      [converted, 'active', 83, '2027-06-03', null],
    ].sort(byIdThenStart);
    expect(await versions()).toEqual(expected);
    // What the saves wrote is the same history.
    expect(written).toEqual(expected);
  });
});

function byIdThenStart(a: unknown[], b: unknown[]): number {
  return `${a[0]} ${a[3]}`.localeCompare(`${b[0]} ${b[3]}`);
}
