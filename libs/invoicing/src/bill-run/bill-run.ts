import { appendToOutbox, isolateFailures, WorkFailures } from '@billing/core';
import { UsageInvoicing, UsageWindow, usageWindowKey } from '@billing/usage';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BillableEvent, generateInvoices } from '../domain/generate-invoices';
import { taxTreatment, TaxRate } from '../domain/taxes';
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
}

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
  sellerCountry: string | undefined;
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
    const accounts: AccountRow[] = await manager.query(
      `SELECT id, currency, credit_balance, country, address->>'region' AS region, tax_exempt, tax_id, net_terms_days
         FROM accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
      [accountIds],
    );
    const rates = await this.taxRates.activeRates(manager);
    const billable = events.map(toBillableEvent);
    const usage = await this.usage.rate(manager, await usageWindows(manager, billable));

    const batch: AccountDrafts[] = accounts.map((account) => {
      const result = generateInvoices({
        currency: account.currency,
        creditBalance: Number(account.credit_balance),
        netTermsDays: account.net_terms_days,
        tax: treatmentOf(account, rates, options.sellerCountry),
        events: billable.filter((_, index) => events[index].account_id === account.id),
        usage,
        issuedAt: now,
      });
      return { accountId: account.id, currency: account.currency, ...result, drafts: result.invoices };
    });
    const written = await this.store.write(manager, batch, now);
    await appendToOutbox(manager, invoiceEvents(written, now));
    return written;
  }
}

export function treatmentOf(account: AccountRow, rates: readonly TaxRate[], sellerCountry: string | undefined) {
  return taxTreatment(
    { country: account.country, region: account.region, taxExempt: account.tax_exempt, taxId: account.tax_id },
    rates,
    sellerCountry,
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
 * Usage is billed in arrears on the invoice of an instant that closes a fee period (a renewal, a change
 * to a new period, a pause or a cancel): the window runs from the start of the fee period in effect just
 * before that instant, up to the instant (or that period's end).
 */
export async function usageWindows(manager: EntityManager, events: readonly BillableEvent[]): Promise<UsageWindow[]> {
  const closing = new Map<string, { subscriptionId: string; at: Date }>();
  for (const event of events) {
    if (event.type === 'period_started' || event.type === 'canceled' || event.type === 'paused') {
      closing.set(usageWindowKey(event.subscriptionId, event.effectiveAt), { subscriptionId: event.subscriptionId, at: event.effectiveAt });
    }
  }
  if (closing.size === 0) return [];
  const instants = [...closing.values()];
  const rows: { subscription_id: string; at: Date; period_start: Date; period_end: Date; plan_id: string; currency: string }[] =
    await manager.query(
      `SELECT DISTINCT ON (w.subscription_id, w.at) w.subscription_id, w.at, be.period_start, be.period_end, be.plan_id, be.currency
         FROM unnest($1::text[], $2::timestamptz[]) AS w (subscription_id, at)
         JOIN billing_events be ON be.subscription_id = w.subscription_id AND be.type = 'period_started' AND be.period_start < w.at
        ORDER BY w.subscription_id, w.at, be.period_start DESC`,
      [instants.map((instant) => instant.subscriptionId), instants.map((instant) => instant.at)],
    );
  return rows.map((row) => ({
    subscriptionId: row.subscription_id,
    planId: row.plan_id,
    currency: row.currency,
    from: row.period_start,
    to: row.period_end < row.at ? row.period_end : row.at,
    billedAt: row.at,
  }));
}
