import { systemContext } from '@billing/kernel';
import { ApplyDunningCommand, PauseSubscriptionCommand, ResumeSubscriptionCommand, SubscriptionRenewals } from '@billing/subscriptions';
import { BillingFixtures, startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AnalyticsModule } from '../analytics.module';
import { emptyDay } from '../domain/mrr-movements';
import { DailySnapshotsRun } from '../run/daily-snapshots-run';
import { DailySnapshots } from './daily-snapshots';

/**
 * The snapshots' SQL on PostgreSQL, over the history the subscriptions lib writes with every save: the same rules
 * as domain/mrr-movements.ts (new, trial conversion, pause → churn, resume → reactivation, dunning cancel → churn,
 * yearly normalised, currencies apart), and a day computed twice or rebuilt gives the same rows.
 */
describe('daily snapshots (SQL)', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let fixtures: BillingFixtures;
  let run: DailySnapshotsRun;
  const context = () => systemContext('int-spec');
  const bus = () => app.get(CommandBus);

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([AnalyticsModule]));
    fixtures = new BillingFixtures(app);
    run = app.get(DailySnapshotsRun);
  });
  afterAll(() => close());

  const rows = async (currency: string) =>
    (await DailySnapshots.read(dataSource.manager, currency, '2027-05-01', '2027-05-04')).map(({ churnedAccounts: _, ...row }) => row);
  const usd = (date: string, figures: object) => {
    const { currency: _, churnedAccounts: __, ...zero } = emptyDay('USD');
    return { date, ...zero, ...figures };
  };

  it('classifies each day per account, as the pure rules do', async () => {
    await fixtures.moveClockTo('2027-05-01T10:00:00Z');
    await fixtures.plan({
      code: 'basic',
      prices: [
        { currency: 'USD', amount: 2500 },
        { currency: 'EUR', amount: 1000 },
      ],
    });
    await fixtures.plan({ code: 'yearly', interval: 'year', prices: [{ currency: 'USD', amount: 30_000 }] });
    const trial = (await fixtures.account()).id;
    const paused = (await fixtures.account()).id;
    const dunned = (await fixtures.account()).id;
    const yearly = (await fixtures.account()).id;
    const euro = (await fixtures.account({ currency: 'EUR' })).id;
    await fixtures.subscribe(trial, 'basic', { trialDays: 3 });
    const pausedSubscription = (await fixtures.subscribe(paused, 'basic')).id;
    await fixtures.subscribe(dunned, 'basic', { quantity: 2 });
    await fixtures.subscribe(yearly, 'yearly');
    await fixtures.subscribe(euro, 'basic');

    await fixtures.moveClockTo('2027-05-02T10:00:00Z');
    await bus().execute(new PauseSubscriptionCommand(pausedSubscription, 'immediate', context()));

    const may3 = await fixtures.moveClockTo('2027-05-03T10:00:00Z');
    await bus().execute(new ResumeSubscriptionCommand(pausedSubscription, context()));
    await dataSource.transaction((manager) => bus().execute(new ApplyDunningCommand({ cancel: [dunned] }, may3, manager)));

    // The trial ends on May 4 at 10:00; the renewals cross it later, and it still counts on May 4.
    const now = await fixtures.moveClockTo('2027-05-05T00:30:00Z');
    await app.get(SubscriptionRenewals).advanceDue(now);
    expect(await run.run(now)).toEqual(['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04']);

    const expected = [
      usd('2027-05-01', { mrr: 10_000, new: 10_000, activeSubscriptions: 3, activeAccounts: 3 }),
      usd('2027-05-02', { mrr: 7500, churn: 2500, activeSubscriptions: 2, activeAccounts: 2 }),
      usd('2027-05-03', { mrr: 5000, churn: 5000, reactivation: 2500, activeSubscriptions: 2, activeAccounts: 2 }),
      usd('2027-05-04', { mrr: 7500, new: 2500, activeSubscriptions: 3, activeAccounts: 3 }),
    ];
    expect(await rows('USD')).toEqual(expected);
    expect((await rows('EUR')).map((row) => [row.date, row.mrr, row.new])).toEqual([
      ['2027-05-01', 1000, 1000],
      ['2027-05-02', 1000, 0],
      ['2027-05-03', 1000, 0],
      ['2027-05-04', 1000, 0],
    ]);

    // Again, and rebuilt: the same rows.
    expect(await run.run(now)).toEqual(['2027-05-04']);
    await run.rebuild('2027-05-01', '2027-05-04');
    expect(await rows('USD')).toEqual(expected);
  });
});
