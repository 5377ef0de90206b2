import { SubscriptionRenewals, SubscriptionsModule } from '@billing/subscriptions';
import { BillingFixtures, startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SubscriptionRepository } from './subscription.repository';

const DAY = 86_400_000;

/** Renewals on the database: catch-up over missed periods, each fee exactly once, saveMany's round trip. */
describe('subscription renewals and saveMany', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let fixtures: BillingFixtures;
  let renewals: SubscriptionRenewals;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([SubscriptionsModule]));
    fixtures = new BillingFixtures(app);
    renewals = app.get(SubscriptionRenewals);
  });
  afterAll(() => close());

  /** The period fees recorded for the subscription, oldest first. */
  const feesOf = async (subscriptionId: string) => {
    const rows: { period_start: Date; period_end: Date; amount: string }[] = await dataSource.query(
      `SELECT period_start, period_end, amount FROM billing_events WHERE subscription_id = $1 AND type = 'period_started'
        ORDER BY period_start`,
      [subscriptionId],
    );
    return rows.map((row) => ({ start: row.period_start.toISOString().slice(0, 10), end: row.period_end.toISOString().slice(0, 10) }));
  };
  const periodOf = async (subscriptionId: string) => {
    const [row] = await dataSource.query(`SELECT current_period_start, current_period_end, version FROM subscriptions WHERE id = $1`, [
      subscriptionId,
    ]);
    return {
      start: row.current_period_start.toISOString().slice(0, 10),
      end: row.current_period_end.toISOString().slice(0, 10),
      version: row.version,
    };
  };

  it('catches up every missed month at once, keeping the anchor day clamped to each month, and never twice', async () => {
    await fixtures.moveClockTo('2027-01-31T00:00:00Z');
    await fixtures.plan({ code: 'monthly' });
    const [{ subscriptionId }] = await fixtures.customers(1, 'monthly');
    // The scheduler was down from February to June.
    const now = await fixtures.moveClockTo('2027-06-05T00:00:00Z');

    await renewals.advanceDue(now);

    const expected = [
      { start: '2027-01-31', end: '2027-02-28' },
      { start: '2027-02-28', end: '2027-03-31' },
      { start: '2027-03-31', end: '2027-04-30' },
      { start: '2027-04-30', end: '2027-05-31' },
      { start: '2027-05-31', end: '2027-06-30' },
    ];
    expect(await feesOf(subscriptionId)).toEqual(expected);
    expect(await periodOf(subscriptionId)).toEqual({ start: '2027-05-31', end: '2027-06-30', version: 2 });

    // A second run at the same instant, or two at once, records no fee again.
    await Promise.all([renewals.advanceDue(now), renewals.advanceDue(now)]);
    expect(await feesOf(subscriptionId)).toEqual(expected);
    expect(await dataSource.query(`SELECT * FROM work_failures`)).toEqual([]);
  });

  it('catches up more periods than one claim crosses (a daily plan 70 days behind), each fee once and contiguous', async () => {
    const start = await fixtures.moveClockTo('2027-07-01T00:00:00Z');
    await fixtures.plan({ code: 'daily', interval: 'day', prices: [{ currency: 'USD', amount: 100 }] });
    const customers = await fixtures.customers(3, 'daily');
    const now = await fixtures.moveClockTo(new Date(start.getTime() + 70 * DAY));

    // Two schedulers at once share the work: no fee is recorded twice, none is missed.
    await Promise.all([renewals.advanceDue(now), renewals.advanceDue(now)]);

    const days = Array.from({ length: 71 }, (_, day) => ({
      start: new Date(start.getTime() + day * DAY).toISOString().slice(0, 10),
      end: new Date(start.getTime() + (day + 1) * DAY).toISOString().slice(0, 10),
    }));
    for (const { subscriptionId } of customers) {
      expect(await feesOf(subscriptionId)).toEqual(days);
      expect((await periodOf(subscriptionId)).start).toBe(days[70].start);
    }
    expect(await dataSource.query(`SELECT * FROM work_failures`)).toEqual([]);
    expect(await renewals.advanceDue(now)).toBe(0);
  });

  it('saves subscriptions in different states with one call, each row getting its own values back', async () => {
    const now = await fixtures.moveClockTo('2027-10-01T00:00:00Z');
    await fixtures.plan({ code: 'quarterly', interval: 'month', intervalCount: 3 });
    const customers = await fixtures.customers(3, 'quarterly');
    const ids = customers.map((customer) => customer.subscriptionId);
    const repository = app.get(SubscriptionRepository);
    const later = new Date(now.getTime() + DAY);

    const saved = await dataSource.transaction(async (manager) => {
      const subscriptions = await repository.findMany(manager, ids);
      const byId = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
      byId.get(ids[0])!.cancel('end_of_period', 'none', later);
      byId.get(ids[1])!.pause('end_of_period', later);
      byId.get(ids[2])!.cancel('immediate', 'none', later);
      await repository.saveMany(manager, subscriptions);
      return subscriptions.map((subscription) => subscription.snapshot());
    });

    const reloaded = await dataSource.transaction((manager) => repository.findMany(manager, ids));
    const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(reloaded.map((subscription) => subscription.snapshot()))).toEqual(byId(saved));
    const states: { id: string; status: string; cancel_at_period_end: boolean; pause_at_period_end: boolean; version: number }[] =
      await dataSource.query(
        `SELECT id, status, cancel_at_period_end, pause_at_period_end, version FROM subscriptions WHERE id = ANY($1)`,
        [ids],
      );
    expect(byId(states)).toEqual(
      byId([
        { id: ids[0], status: 'active', cancel_at_period_end: true, pause_at_period_end: false, version: 2 },
        { id: ids[1], status: 'active', cancel_at_period_end: false, pause_at_period_end: true, version: 2 },
        { id: ids[2], status: 'canceled', cancel_at_period_end: false, pause_at_period_end: false, version: 2 },
      ]),
    );
  });
});
