import { BillRun, InvoicingModule, SellerSnapshot } from '@billing/invoicing';
import { SubscriptionRenewals } from '@billing/subscriptions';
import { BillingFixtures, seedDueSubscriptions, startTestContext } from '@billing/testing';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

const seller: SellerSnapshot = { name: 'Seller Ltd', address: null, country: null, tax_id: null };

/** The bill run on a real database: set-based chunks, exactly once, gapless numbers, failures kept to their subscription. */
describe(BillRun.name, () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let billRun: BillRun;
  let fixtures: BillingFixtures;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([InvoicingModule]));
    billRun = app.get(BillRun);
    fixtures = new BillingFixtures(app);
  });
  afterAll(() => close());

  const run = (now: Date) => billRun.runDue(now, { seller });

  /** Every invoice number issued so far, in order: the series must read INV-000001, INV-000002, … without a hole. */
  const expectGaplessNumbers = async () => {
    const rows: { number: string }[] = await dataSource.query(`SELECT number FROM invoices ORDER BY number`);
    expect(rows.map((row) => row.number)).toEqual(rows.map((_, index) => `INV-${String(index + 1).padStart(6, '0')}`));
    return rows.length;
  };

  /** Invoices of these subscriptions, with their lines' billing events. */
  const invoicesOf = async (subscriptionIds: readonly string[]) => {
    const rows: { subscription_id: string; period_start: Date; total: string; events: string[] }[] = await dataSource.query(
      `SELECT i.subscription_id, i.period_start, i.total, array_agg(l.billing_event_id ORDER BY l.position) AS events
         FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
        WHERE i.subscription_id = ANY($1) GROUP BY i.id ORDER BY i.subscription_id, i.period_start`,
      [subscriptionIds],
    );
    return rows;
  };

  /** No subscription and period is billed twice, across every invoice of the database. */
  const expectEachPeriodBilledOnce = async () => {
    const twice = await dataSource.query(
      `SELECT subscription_id, period_start, count(*)::int AS n FROM invoice_lines WHERE type = 'subscription'
        GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
  };

  const unbilled = async (subscriptionIds: readonly string[]) =>
    (
      await dataSource.query(`SELECT count(*)::int AS n FROM billing_events WHERE subscription_id = ANY($1) AND billed_at IS NULL`, [
        subscriptionIds,
      ])
    )[0].n;

  it('invoices a subscription many periods behind once per period, across several claims', async () => {
    const start = await fixtures.moveClockTo('2027-01-01T00:00:00Z');
    await fixtures.plan({ code: 'daily', interval: 'day', prices: [{ currency: 'USD', amount: 100 }] });
    const [{ subscriptionId }] = await fixtures.customers(1, 'daily');
    // 40 days later: 41 period fees due, more than one claim of the bill run takes (16 instants).
    const now = await fixtures.moveClockTo(new Date(start.getTime() + 40 * 86_400_000));
    await app.get(SubscriptionRenewals).advanceDue(now);

    const invoices = await run(now);

    expect(invoices).toHaveLength(41);
    const stored = await invoicesOf([subscriptionId]);
    expect(stored.map((invoice) => invoice.period_start.toISOString())).toEqual(
      Array.from({ length: 41 }, (_, day) => new Date(start.getTime() + day * 86_400_000).toISOString()),
    );
    expect(stored.every((invoice) => invoice.total === '100' && invoice.events.length === 1)).toBe(true);
    expect(await unbilled([subscriptionId])).toBe(0);
    expect(await expectGaplessNumbers()).toBe(41);
  });

  it('invoices 650 due subscriptions in chunks, each once with a line per billing event, and nothing on a second run', async () => {
    const now = await fixtures.moveClockTo('2027-03-01T00:00:00Z');
    const { subscriptionIds } = await seedDueSubscriptions(dataSource, 650, now, 'many');

    const invoices = await run(now);

    expect(invoices).toHaveLength(650);
    const stored = await invoicesOf(subscriptionIds);
    expect(stored).toHaveLength(650);
    expect(new Set(stored.map((invoice) => invoice.subscription_id)).size).toBe(650);
    // Each invoice bills its subscription's fee, and the fee is marked billed with that invoice.
    expect(stored.every((invoice) => invoice.total === '2500' && invoice.events.length === 1)).toBe(true);
    const marks: { n: number; linked: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE i.id IS NOT NULL AND e.billed_at = $2)::int AS linked
         FROM billing_events e LEFT JOIN invoices i ON i.id = e.invoice_id AND i.subscription_id = e.subscription_id
        WHERE e.subscription_id = ANY($1)`,
      [subscriptionIds, now],
    );
    expect(marks).toEqual([{ n: 650, linked: 650 }]);
    const [accounts] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE has_invoices)::int AS invoiced FROM accounts WHERE id LIKE 'acct_many_%'`,
    );
    expect(accounts.invoiced).toBe(650);

    expect(await run(now)).toEqual([]);
    expect(await expectGaplessNumbers()).toBe(41 + 650);
    await expectEachPeriodBilledOnce();
  });

  it('invoices each subscription exactly once when two bill runs run at the same time', async () => {
    const now = await fixtures.moveClockTo('2027-03-02T00:00:00Z');
    const { subscriptionIds } = await seedDueSubscriptions(dataSource, 650, now, 'twice');

    const [first, second] = await Promise.all([run(now), run(now)]);

    const billed = [...first, ...second].map((invoice) => invoice.snapshot().invoice.subscriptionId);
    expect(billed).toHaveLength(650);
    expect(new Set(billed)).toEqual(new Set(subscriptionIds));
    expect(await invoicesOf(subscriptionIds)).toHaveLength(650);
    expect(await unbilled(subscriptionIds)).toBe(0);
    expect(await dataSource.query(`SELECT * FROM work_failures`)).toEqual([]);
    expect(await expectGaplessNumbers()).toBe(41 + 650 + 650);
    await expectEachPeriodBilledOnce();
  });

  it('leaves out a subscription that cannot be invoiced, invoices the rest of its chunk, and invoices it once fixed', async () => {
    const now = await fixtures.moveClockTo('2027-03-03T00:00:00Z');
    await fixtures.plan({ code: 'basic' });
    const customers = await fixtures.customers(6, 'basic');
    const poisoned = customers[3].subscriptionId;
    const others = customers.filter((customer) => customer.subscriptionId !== poisoned).map((customer) => customer.subscriptionId);
    const heal = await fixtures.failInserts('invoices', 'subscription_id', poisoned, 'poisoned invoice');
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const invoices = await run(now);

    expect(invoices.map((invoice) => invoice.snapshot().invoice.subscriptionId).sort()).toEqual([...others].sort());
    expect(await invoicesOf(others)).toHaveLength(5);
    expect(await invoicesOf([poisoned])).toEqual([]);
    expect(await unbilled([poisoned])).toBe(1);
    expect(await dataSource.query(`SELECT task, subject_id, error FROM work_failures`)).toEqual([
      { task: 'bill-run', subject_id: poisoned, error: expect.stringContaining('poisoned invoice') },
    ]);
    expect(logged.mock.calls.some(([entry]) => JSON.stringify(entry).includes(`bill-run failed for ${poisoned}`))).toBe(true);
    // The failed attempt took no number: the series has no hole.
    await expectGaplessNumbers();

    // Still failing: the next run retries it alone and counts the attempt; the others are not billed again.
    expect(await run(now)).toEqual([]);
    expect(await dataSource.query(`SELECT subject_id, attempts FROM work_failures`)).toEqual([{ subject_id: poisoned, attempts: 2 }]);

    logged.mockRestore();
    await heal();
    const retried = await run(now);

    expect(retried.map((invoice) => invoice.snapshot().invoice.subscriptionId)).toEqual([poisoned]);
    expect(await invoicesOf([poisoned])).toHaveLength(1);
    expect(await unbilled([poisoned])).toBe(0);
    expect(await dataSource.query(`SELECT * FROM work_failures`)).toEqual([]);
    expect(await expectGaplessNumbers()).toBe(41 + 650 + 650 + 6);
    await expectEachPeriodBilledOnce();
  });
  it("bills a batch of subscriptions in the caller's transaction, keeps a failing one out, and commits nothing when the caller rolls back", async () => {
    const now = await fixtures.moveClockTo('2027-03-04T00:00:00Z');
    const { subscriptionIds } = await seedDueSubscriptions(dataSource, 400, now, 'batch');
    const poisoned = subscriptionIds[123];
    const heal = await fixtures.failInserts('invoices', 'subscription_id', poisoned, 'poisoned invoice');
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    // A saga's inbox transaction that fails after billing: its invoices go with it.
    await expect(
      dataSource.transaction(async (manager) => {
        await billRun.billNow(manager, subscriptionIds, now, { seller });
        throw new Error('inbox transaction failed');
      }),
    ).rejects.toThrow('inbox transaction failed');
    expect(await invoicesOf(subscriptionIds)).toEqual([]);

    // Committed: 399 invoiced (more than one chunk of the bill run), the failing one recorded and left due.
    const invoices = await dataSource.transaction((manager) => billRun.billNow(manager, subscriptionIds, now, { seller }));
    expect(invoices).toHaveLength(399);
    expect(await invoicesOf(subscriptionIds)).toHaveLength(399);
    expect(await unbilled(subscriptionIds)).toBe(1);
    expect(await dataSource.query(`SELECT subject_id FROM work_failures`)).toEqual([{ subject_id: poisoned }]);

    logged.mockRestore();
    await heal();
    expect(await run(now)).toHaveLength(1);
    await expectGaplessNumbers();
    await expectEachPeriodBilledOnce();
  });
});
