import { seedDueSubscriptions, startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { billingEvent } from '../domain/billing-event';
import { SubscriptionsModule } from '../subscriptions.module';
import { SubscriptionRepository } from './subscription.repository';

describe(SubscriptionRepository.name, () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let repository: SubscriptionRepository;
  const start = new Date('2027-01-01T00:00:00Z');

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([SubscriptionsModule]));
    repository = app.get(SubscriptionRepository);
  });
  afterAll(() => close());

  it('writes 10 000 billing events in one call (far past the 65 535 bind parameters of a VALUES list)', async () => {
    const { subscriptionIds } = await seedDueSubscriptions(dataSource, 10, start, 'many');
    const events = Array.from({ length: 10_000 }, (_, index) =>
      billingEvent(
        {
          subscriptionId: subscriptionIds[index % 10],
          accountId: `acct_many_${(index % 10) + 1}`,
          type: 'proration_charge',
          effectiveAt: new Date(start.getTime() + index * 1000),
          periodStart: start,
          periodEnd: new Date('2027-02-01T00:00:00Z'),
          planId: 'plan_many',
          planCode: 'plan_many',
          quantity: 3,
          unitAmount: 2500,
          currency: 'USD',
          amount: index,
          epoch: 1,
        },
        start,
      ),
    );
    await dataSource.transaction((manager) => repository.appendBillingEvents(manager, events));
    const [stored] = await dataSource.query(
      `SELECT count(*)::int AS n, sum(amount)::bigint AS amounts, count(DISTINCT subscription_id)::int AS subscriptions
         FROM billing_events WHERE type = 'proration_charge'`,
    );
    expect(stored).toEqual({ n: 10_000, amounts: String((9_999 * 10_000) / 2), subscriptions: 10 });
  });

  it('saves many subscriptions with one statement: every changed field stored, versions bumped', async () => {
    const { subscriptionIds } = await seedDueSubscriptions(dataSource, 500, start, 'save');
    const renewAt = new Date('2027-02-01T00:00:00Z');
    await dataSource.transaction(async (manager) => {
      const subscriptions = await repository.findMany(manager, subscriptionIds);
      for (const subscription of subscriptions) subscription.advance(renewAt);
      subscriptions[0].cancel('end_of_period', 'prorate', renewAt);
      await repository.saveMany(manager, subscriptions);
    });
    const rows: { id: string; current_period_start: Date; version: number; cancel_at_period_end: boolean; updated_at: Date }[] =
      await dataSource.query(
        `SELECT id, current_period_start, version, cancel_at_period_end, updated_at FROM subscriptions WHERE id = ANY($1) ORDER BY id`,
        [subscriptionIds],
      );
    expect(rows).toHaveLength(500);
    expect(rows.every((row) => row.current_period_start.getTime() === renewAt.getTime() && row.version === 2)).toBe(true);
    expect(rows.every((row) => row.updated_at.getTime() === renewAt.getTime())).toBe(true);
    expect(rows.filter((row) => row.cancel_at_period_end).map((row) => row.id)).toHaveLength(1);
  });
});
