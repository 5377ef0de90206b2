import { catalogNames } from '@billing/catalog';
import { AppConfig, appendToOutbox, isolateFailures, WorkFailures } from '@billing/core';
import { USAGE_WINDOW_BOUNDARIES, usageWindowsClosedAt } from '@billing/subscriptions';
import { UsageCharge, UsageInvoicing, UsageWindow, usageWindowKey } from '@billing/usage';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BillableEvent, generateInvoices } from '../domain/generate-invoices';
import { DocumentParties, PostalAddress, SellerSnapshot } from '../domain/invoice-snapshot';
import { taxTreatment, TaxRate } from '../domain/taxes';
import { applyCreditToOpenInvoices } from '../persistence/account-credit';
import { AccountDrafts, invoiceEvents, InvoiceStore, WrittenInvoice } from '../persistence/invoice-store';
import { TaxRateRepository } from '../tax-rates';

export const BILL_RUN_CHUNK = 300;
/** Billing instants of one subscription invoiced per claim: a long catch-up takes several claims, each bounded. */
export const BILL_RUN_INSTANTS_PER_CLAIM = 16;
const BILL_RUN_LOCK_SPACE = 7_311_003;

export interface AccountRow {
  id: string;
  currency: string;
  credit_balance: string;
  country: string | null;
  region: string | null;
  tax_exempt: boolean;
  tax_id: string | null;
  net_terms_days: number;
  name: string;
  email: string;
  address: PostalAddress | null;
  timezone: string;
}

/** The columns of an AccountRow, for `SELECT … FROM accounts`. */
export const ACCOUNT_ROW_COLUMNS = `id, currency, credit_balance, country, address->>'region' AS region, tax_exempt, tax_id, net_terms_days,
  name, email, address, timezone`;

export interface EventRow {
  id: string;
  subscription_id: string;
  account_id: string;
  type: string;
  effective_at: Date;
  period_start: Date;
  period_end: Date;
  plan_id: string;
  plan_code: string;
  quantity: number;
  unit_amount: string;
  currency: string;
  amount: string | null;
}

export interface BillRunOptions {
  /** The seller as invoices print it now (its country also decides EU reverse charge). */
  seller: SellerSnapshot;
  /** Only these subscriptions (an event-driven run after a change); all due ones otherwise. */
  subscriptionIds?: string[];
}

/**
 * The bill run: turns every billing event due by `now` into finalized invoices, exactly once. Each chunk
 * claims a few hundred subscriptions with unbilled events (try-locks, so schedulers share the work), reads
 * their events (at most {@link BILL_RUN_INSTANTS_PER_CLAIM} instants each), accounts and tax rates in a
 * handful of queries, computes the invoices in memory with the pure generator, and writes them with
 * multi-row statements in the same transaction.
 *
 * A subscription that cannot be invoiced (an amount beyond the exact range, say) is left out, so the rest
 * of its chunk is invoiced; it is recorded in `work_failures` and retried on its own at every run.
 */
@Injectable()
export class BillRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InvoiceStore,
    private readonly taxRates: TaxRateRepository,
    private readonly usage: UsageInvoicing,
    private readonly failures: WorkFailures,
  ) {}

  async runDue(now: Date, options: BillRunOptions): Promise<WrittenInvoice[]> {
    const failedBefore = options.subscriptionIds ? [] : await this.failures.failingSubjects(this.dataSource.manager, 'bill-run');
    const leftOut = [...failedBefore];
    const invoices: WrittenInvoice[] = [];
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const ids = await this.claim(manager, now, options.subscriptionIds ?? null, leftOut);
        const { done, failed } = await isolateFailures(manager, ids, (chunk) => this.bill(manager, chunk, now, options));
        for (const { item, error } of failed) await this.failures.record(manager, 'bill-run', item, error);
        leftOut.push(...failed.map(({ item }) => item));
        invoices.push(...done.flat());
        return ids.length;
      });
      if (claimed === 0) break;
    }
    for (const id of failedBefore) invoices.push(...(await this.retryFailing(now, id, options)));
    return invoices;
  }

  /** A subscription that failed before, alone: a success clears the failure, a failure counts again. */
  private async retryFailing(now: Date, id: string, options: BillRunOptions): Promise<WrittenInvoice[]> {
    const invoices: WrittenInvoice[] = [];
    try {
      for (;;) {
        const written = await this.dataSource.transaction(async (manager) => {
          const claimed = await this.claim(manager, now, [id], []);
          return claimed.length === 0 ? null : this.bill(manager, claimed, now, options);
        });
        if (!written) break;
        invoices.push(...written);
      }
      await this.failures.resolve(this.dataSource.manager, 'bill-run', [id]);
    } catch (error) {
      await this.failures.record(this.dataSource.manager, 'bill-run', id, error);
    }
    return invoices;
  }

  /** Up to a chunk of subscriptions with billing events due, try-locked for this transaction. */
  private async claim(manager: EntityManager, now: Date, only: string[] | null, except: readonly string[]): Promise<string[]> {
    // Bill runs claim subscriptions with advisory locks of their own, not row locks, so that they never make
    // a renewal (which locks subscription rows) skip a subscription.
    const claimed: { id: string }[] = await manager.query(
      `WITH due AS (
         SELECT DISTINCT subscription_id FROM billing_events
          WHERE billed_at IS NULL AND effective_at <= $1 AND ($3::text[] IS NULL OR subscription_id = ANY($3))
            AND subscription_id <> ALL($5::text[])
          LIMIT $2
       )
       SELECT subscription_id AS id FROM due WHERE pg_try_advisory_xact_lock($4, hashtext(subscription_id))`,
      [now, BILL_RUN_CHUNK, only, BILL_RUN_LOCK_SPACE, except],
    );
    return claimed.map((row) => row.id);
  }

  /** Invoices the claimed subscriptions' events due by `now`, up to a bounded number of instants each. */
  private async bill(manager: EntityManager, subscriptionIds: readonly string[], now: Date, options: BillRunOptions) {
    const events: EventRow[] = await manager.query(
      `SELECT * FROM (
         SELECT *, dense_rank() OVER (PARTITION BY subscription_id ORDER BY effective_at) AS instant
           FROM billing_events WHERE subscription_id = ANY($1) AND billed_at IS NULL AND effective_at <= $2
       ) due WHERE instant <= $3 ORDER BY effective_at, id`,
      [subscriptionIds, now, BILL_RUN_INSTANTS_PER_CLAIM],
    );
    const accountIds = [...new Set(events.map((event) => event.account_id))].sort();
    const accounts: AccountRow[] = await manager.query(`SELECT ${ACCOUNT_ROW_COLUMNS} FROM accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [
      accountIds,
    ]);
    const rates = await this.taxRates.activeRates(manager);
    const billable = events.map(toBillableEvent);
    const usage = await this.usage.rate(manager, await usageWindows(manager, billable));
    const names = await namesFor(manager, billable, usage);

    const batch: AccountDrafts[] = accounts.map((account) => {
      const result = generateInvoices({
        currency: account.currency,
        creditBalance: Number(account.credit_balance),
        netTermsDays: account.net_terms_days,
        tax: treatmentOf(account, rates, options.seller.country),
        events: billable.filter((_, index) => events[index].account_id === account.id),
        usage,
        issuedAt: now,
        parties: partiesOf(account, options.seller),
        names,
      });
      return { accountId: account.id, currency: account.currency, ...result, drafts: result.invoices };
    });
    const written = await this.store.write(manager, batch, now);
    const withCredit = batch.filter((account) => account.creditBalance > 0).map((account) => account.accountId);
    const settledByCredit = await applyCreditToOpenInvoices(manager, withCredit, now);
    await appendToOutbox(manager, [...invoiceEvents(written, now), ...settledByCredit]);
    return written;
  }
}

export function treatmentOf(account: AccountRow, rates: readonly TaxRate[], sellerCountry: string | null) {
  return taxTreatment(
    { country: account.country, region: account.region, taxExempt: account.tax_exempt, taxId: account.tax_id },
    rates,
    sellerCountry ?? undefined,
  );
}

/** The seller from the configuration: what invoices issued from now on print. */
export function sellerOf(config: Pick<AppConfig, 'sellerName' | 'sellerAddress' | 'sellerCountry' | 'sellerTaxId'>): SellerSnapshot {
  return { name: config.sellerName, address: config.sellerAddress ?? null, country: config.sellerCountry ?? null, tax_id: config.sellerTaxId ?? null };
}

export function partiesOf(account: AccountRow, seller: SellerSnapshot): DocumentParties {
  return {
    seller,
    buyer: { name: account.name, email: account.email, address: account.address, tax_id: account.tax_id },
    timeZone: account.timezone,
  };
}

/** The names of the plans and metrics that the events and usage bill. */
export function namesFor(manager: EntityManager, events: readonly BillableEvent[], usage: ReadonlyMap<string, readonly UsageCharge[]>) {
  const metricCodes = [...usage.values()].flatMap((charges) => charges.map((charge) => charge.metricCode));
  return catalogNames(
    manager,
    events.map((event) => event.planCode),
    metricCodes,
  );
}

export function toBillableEvent(row: EventRow): BillableEvent {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    type: row.type,
    effectiveAt: row.effective_at,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    planCode: row.plan_code,
    quantity: row.quantity,
    unitAmount: Number(row.unit_amount),
    amount: row.amount === null ? null : Number(row.amount),
  };
}

/**
 * Usage is billed in arrears on the invoice of an instant that closes a usage window (a renewal, a plan
 * change, a pause or a cancel; see the subscriptions lib's usage windows): the window that instant ends.
 */
export async function usageWindows(manager: EntityManager, events: readonly BillableEvent[]): Promise<UsageWindow[]> {
  const closing = new Map<string, { subscriptionId: string; at: Date }>();
  for (const event of events) {
    if ((USAGE_WINDOW_BOUNDARIES as string[]).includes(event.type)) {
      closing.set(usageWindowKey(event.subscriptionId, event.effectiveAt), { subscriptionId: event.subscriptionId, at: event.effectiveAt });
    }
  }
  const windows = await usageWindowsClosedAt(manager, [...closing.values()]);
  return windows.map(({ closedAt, ...window }) => ({ ...window, billedAt: closedAt }));
}
