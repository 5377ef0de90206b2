import { SubscriptionsModule } from '@billing/subscriptions';
import { BillingFixtures, Customer, startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnbilledClaim, UnbilledEvents } from './unbilled-events';

const LOCK_SPACE = 4242;

/** The billing events invoicing consumes: claimed by one run at a time, taken in bounded steps, billed exactly once. */
describe('UnbilledEvents', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let fixtures: BillingFixtures;
  let customers: Customer[];
  let subscriptionIds: string[];
  let createdAt: Date;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([SubscriptionsModule]));
    fixtures = new BillingFixtures(app);
    createdAt = await fixtures.moveClockTo('2027-01-01T00:00:00Z');
    await fixtures.plan({ code: 'monthly' });
    customers = await fixtures.customers(4, 'monthly');
    subscriptionIds = customers.map((customer) => customer.subscriptionId);
  });
  afterAll(() => close());

  const claim = (overrides: Partial<UnbilledClaim> = {}) =>
    dataSource.transaction((manager) =>
      UnbilledEvents.claim(manager, { now: createdAt, limit: 100, only: null, except: [], lockSpace: LOCK_SPACE, ...overrides }),
    );
  const sorted = (ids: readonly string[]) => [...ids].sort();

  it('claims the subscriptions with events due by now, within `only`, without `except`, up to the limit', async () => {
    expect(sorted(await claim())).toEqual(sorted(subscriptionIds));
    expect(await claim({ now: new Date(createdAt.getTime() - 1) })).toEqual([]);
    expect(await claim({ only: [subscriptionIds[2]] })).toEqual([subscriptionIds[2]]);
    expect(sorted(await claim({ except: [subscriptionIds[0]] }))).toEqual(sorted(subscriptionIds.slice(1)));
    expect(await claim({ limit: 3 })).toHaveLength(3);
  });

  it('skips the subscriptions another open transaction of the same lock space holds, until it ends', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const held = await UnbilledEvents.claim(runner.manager, {
        now: createdAt,
        limit: 100,
        only: subscriptionIds.slice(0, 2),
        except: [],
        lockSpace: LOCK_SPACE,
      });
      expect(sorted(held)).toEqual(sorted(subscriptionIds.slice(0, 2)));

      expect(sorted(await claim())).toEqual(sorted(subscriptionIds.slice(2)));
      // Another lock space (another kind of run) is not held up.
      expect(sorted(await claim({ lockSpace: LOCK_SPACE + 1 }))).toEqual(sorted(subscriptionIds));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(sorted(await claim())).toEqual(sorted(subscriptionIds));
  });

  it('takes at most the given number of instants per subscription, oldest first', async () => {
    const [subscriptionId] = subscriptionIds;
    // Three more billing instants for the first subscription: a quantity change on each of three days.
    for (const [day, quantity] of [
      [2, 2],
      [3, 3],
      [4, 4],
    ]) {
      await fixtures.moveClockTo(`2027-01-0${day}T00:00:00Z`);
      await fixtures.changeQuantity(subscriptionId, quantity);
    }
    const now = fixtures.now();

    const taken = await dataSource.transaction((manager) => UnbilledEvents.take(manager, [subscriptionId, subscriptionIds[1]], now, 2));

    const instants = (id: string) => [
      ...new Set(taken.filter((event) => event.subscriptionId === id).map((event) => event.effectiveAt.toISOString())),
    ];
    expect(instants(subscriptionId)).toEqual(['2027-01-01T00:00:00.000Z', '2027-01-02T00:00:00.000Z']);
    expect(instants(subscriptionIds[1])).toEqual(['2027-01-01T00:00:00.000Z']);
    const times = taken.map((event) => event.effectiveAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('marks events billed exactly once: a write naming one already billed fails whole', async () => {
    const [, , second, third] = customers;
    const eventOf = async (accountId: string) => {
      const events = await dataSource.transaction((manager) => UnbilledEvents.ofAccount(manager, accountId));
      return events.map((event) => event.id);
    };
    const [thirdFee] = await eventOf(third.accountId);
    const [secondFee] = await eventOf(second.accountId);
    const now = fixtures.now();

    await dataSource.transaction((manager) => UnbilledEvents.markBilled(manager, [{ eventId: thirdFee, invoiceId: null }], now));

    expect(await eventOf(third.accountId)).toEqual([]);
    expect(await claim({ now, only: [third.subscriptionId] })).toEqual([]);
    await expect(
      dataSource.transaction((manager) =>
        UnbilledEvents.markBilled(
          manager,
          [
            { eventId: secondFee, invoiceId: null },
            { eventId: thirdFee, invoiceId: null },
          ],
          now,
        ),
      ),
    ).rejects.toThrow('1 of 2 billing events were already billed');
    // Nothing of the refused write stays: the other event is still due.
    expect(await eventOf(second.accountId)).toEqual([secondFee]);
    expect(await claim({ now, only: [second.subscriptionId] })).toEqual([second.subscriptionId]);
  });
});
