import { BillingProfiles } from '@billing/accounts';
import { BillRun, generateInvoices, InvoicingModule, SellerSnapshot, taxTreatment } from '@billing/invoicing';
import { SubscriptionRenewals, UnbilledEvents } from '@billing/subscriptions';
import { BillingFixtures, startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccountDrafts, InvoiceStore } from './invoice-store';

const seller: SellerSnapshot = { name: 'Seller Ltd', address: null, country: null, tax_id: null };

/** Writing finalized invoices: numbers, lines, billed marks and credit balances, set-based, exactly once. */
describe(InvoiceStore.name, () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let fixtures: BillingFixtures;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([InvoicingModule]));
    fixtures = new BillingFixtures(app);
  });
  afterAll(() => close());

  /** What the bill run hands the store for these accounts: their unbilled events due by `now`, as drafts. */
  const draftsFor = async (manager: EntityManager, accountIds: string[], now: Date): Promise<AccountDrafts[]> => {
    const accounts = await BillingProfiles.lockMany(manager, accountIds);
    const batch: AccountDrafts[] = [];
    for (const account of accounts) {
      const events = (await UnbilledEvents.ofAccount(manager, account.id)).filter((event) => event.effectiveAt <= now);
      const result = generateInvoices({
        currency: account.currency,
        creditBalance: account.creditBalance,
        netTermsDays: account.netTermsDays,
        tax: taxTreatment({ country: null, region: null, taxExempt: false, taxId: null }, [], undefined),
        events,
        issuedAt: now,
        parties: { seller, buyer: { name: account.name, email: account.email, address: null, tax_id: null }, timeZone: 'UTC' },
        names: { plans: new Map(), metrics: new Map() },
      });
      batch.push({ accountId: account.id, currency: account.currency, ...result, drafts: result.invoices });
    }
    return batch;
  };

  const invoicesOf = (accountId: string) =>
    dataSource.query(
      `SELECT period_start, total::int, credit_applied::int, amount_due::int, status FROM invoices WHERE account_id = $1 ORDER BY period_start`,
      [accountId],
    );
  const balanceOf = async (accountId: string) =>
    Number((await dataSource.query(`SELECT credit_balance FROM accounts WHERE id = $1`, [accountId]))[0].credit_balance);

  it('writes invoices with numbers, lines and billed marks in one go, and refuses to write the same drafts twice', async () => {
    const now = await fixtures.moveClockTo('2027-01-01T00:00:00Z');
    await fixtures.plan({ code: 'seat', prices: [{ currency: 'USD', amount: 1200 }] });
    await fixtures.plan({ code: 'support', prices: [{ currency: 'USD', amount: 300 }] });
    const [first, second] = await fixtures.customers(2, 'seat');
    const support = await fixtures.subscribe(first.accountId, 'support', { quantity: 2 });
    const store = app.get(InvoiceStore);

    let batch: AccountDrafts[] = [];
    const written = await dataSource.transaction(async (manager) => {
      batch = await draftsFor(manager, [first.accountId, second.accountId], now);
      return store.write(manager, batch, now);
    });

    expect(written).toHaveLength(3);
    const rows: { number: string; subscription_id: string; total: string; plan_code: string; amount: string; billed: boolean }[] =
      await dataSource.query(
        `SELECT i.number, i.subscription_id, i.total, l.plan_code, l.amount, e.invoice_id = i.id AND e.billed_at = $1 AS billed
           FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id JOIN billing_events e ON e.id = l.billing_event_id
          ORDER BY i.number`,
        [now],
      );
    expect(rows.map((row) => row.number)).toEqual(['INV-000001', 'INV-000002', 'INV-000003']);
    expect(
      rows.map(({ subscription_id, total, plan_code, amount, billed }) => ({ subscription_id, total, plan_code, amount, billed })),
    ).toEqual(
      expect.arrayContaining([
        { subscription_id: first.subscriptionId, total: '1200', plan_code: 'seat', amount: '1200', billed: true },
        { subscription_id: support.id, total: '600', plan_code: 'support', amount: '600', billed: true },
        { subscription_id: second.subscriptionId, total: '1200', plan_code: 'seat', amount: '1200', billed: true },
      ]),
    );
    const invoiced = await dataSource.query(`SELECT id FROM accounts WHERE has_invoices ORDER BY id`);
    expect(invoiced.map((row: { id: string }) => row.id)).toEqual([first.accountId, second.accountId].sort());

    // The same drafts written again (a run retried after losing its answer) bill nothing twice and take no number.
    await expect(dataSource.transaction((manager) => store.write(manager, batch, now))).rejects.toThrow();
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM invoices`))[0].n).toBe(3);
    expect(await dataSource.query(`SELECT value::int FROM document_counters WHERE name = 'invoice'`)).toEqual([{ value: 3 }]);
  });

  it('spends credit on the invoices it issues and on older open invoices, oldest first, settling what it covers', async () => {
    const start = await fixtures.moveClockTo('2027-02-01T00:00:00Z');
    await fixtures.plan({ code: 'monthly' });
    const [none, some, plenty, later] = await fixtures.customers(4, 'monthly');
    await fixtures.grantCredit(some.accountId, 1000);
    await fixtures.grantCredit(plenty.accountId, 4000);
    const billRun = app.get(BillRun);
    const renewals = app.get(SubscriptionRenewals);
    const cycle = async (iso: string) => {
      const now = await fixtures.moveClockTo(iso);
      await renewals.advanceDue(now);
      return billRun.runDue(now, { seller });
    };

    await billRun.runDue(start, { seller });

    const p1 = new Date('2027-02-01T00:00:00Z');
    expect(await invoicesOf(none.accountId)).toEqual([
      { period_start: p1, total: 2500, credit_applied: 0, amount_due: 2500, status: 'open' },
    ]);
    expect(await invoicesOf(some.accountId)).toEqual([
      { period_start: p1, total: 2500, credit_applied: 1000, amount_due: 1500, status: 'open' },
    ]);
    expect(await balanceOf(some.accountId)).toBe(0);
    expect(await invoicesOf(plenty.accountId)).toEqual([
      { period_start: p1, total: 2500, credit_applied: 2500, amount_due: 0, status: 'paid' },
    ]);
    expect(await balanceOf(plenty.accountId)).toBe(1500);

    await cycle('2027-03-01T00:00:00Z');
    const p2 = new Date('2027-03-01T00:00:00Z');
    expect(await invoicesOf(plenty.accountId)).toEqual([
      { period_start: p1, total: 2500, credit_applied: 2500, amount_due: 0, status: 'paid' },
      { period_start: p2, total: 2500, credit_applied: 1500, amount_due: 1000, status: 'open' },
    ]);
    expect(await balanceOf(plenty.accountId)).toBe(0);

    // Credit granted after two open invoices: the new one is paid first, the rest goes to the oldest.
    await fixtures.grantCredit(later.accountId, 3000);
    await cycle('2027-04-01T00:00:00Z');
    const p3 = new Date('2027-04-01T00:00:00Z');
    expect(await invoicesOf(later.accountId)).toEqual([
      { period_start: p1, total: 2500, credit_applied: 500, amount_due: 2000, status: 'open' },
      { period_start: p2, total: 2500, credit_applied: 0, amount_due: 2500, status: 'open' },
      { period_start: p3, total: 2500, credit_applied: 2500, amount_due: 0, status: 'paid' },
    ]);
    expect(await balanceOf(later.accountId)).toBe(0);
    expect((await invoicesOf(none.accountId)).map((invoice: { status: string }) => invoice.status)).toEqual(['open', 'open', 'open']);

    // Every invoice credit settled is announced as paid (webhooks), and only those.
    const paid = await dataSource.query(`SELECT id FROM invoices WHERE status = 'paid' ORDER BY id`);
    const announced = await dataSource.query(
      `SELECT DISTINCT resource_id AS id FROM events WHERE type = 'invoice.paid' ORDER BY resource_id`,
    );
    expect(announced).toEqual(paid);
  });
});
