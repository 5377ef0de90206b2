import { BillingProfiles } from '@billing/accounts';
import { appendToOutbox, isolateFailures, WorkFailures } from '@billing/core';
import { UnbilledEvents } from '@billing/subscriptions';
import { UsageInvoicing } from '@billing/usage';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { generateInvoices } from '../domain/generate-invoices';
import { SellerSnapshot } from '../domain/invoice-snapshot';
import { applyCreditToOpenInvoices } from '../persistence/account-credit';
import { Invoice } from '../domain/invoice';
import { AccountDrafts, invoiceEvents, InvoiceStore } from '../persistence/invoice-store';
import { TaxRateRepository } from '../tax-rates';
import { namesFor, partiesOf, treatmentOf, usageWindows } from './invoice-inputs';

export const BILL_RUN_CHUNK = 300;
/** Billing instants of one subscription invoiced per claim: a long catch-up takes several claims, each bounded. */
export const BILL_RUN_INSTANTS_PER_CLAIM = 16;
const BILL_RUN_LOCK_SPACE = 7_311_003;

export interface BillRunOptions {
  /** The seller as invoices print it now (its country also decides EU reverse charge). */
  seller: SellerSnapshot;
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

  async runDue(now: Date, options: BillRunOptions): Promise<Invoice[]> {
    const failedBefore = await this.failures.failingSubjects(this.dataSource.manager, 'bill-run');
    const leftOut = [...failedBefore];
    const invoices: Invoice[] = [];
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const ids = await this.claim(manager, now, null, leftOut);
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

  /**
   * Bills these subscriptions' events due by `now`, every instant, in the caller's transaction (a saga's inbox
   * transaction, so the invoices and the inbox marks commit together). A subscription that fails is recorded,
   * and retried by the scheduled runs, instead of failing the caller. Nothing happens for a subscription
   * another run holds: that run bills it.
   *
   * Their accounts are locked first, in one sorted statement: the transaction then takes no account lock
   * after the invoice-number counter, so it cannot deadlock with a bill run (which takes accounts, then the
   * counter) however many chunks it bills.
   */
  async billNow(manager: EntityManager, subscriptionIds: readonly string[], now: Date, options: BillRunOptions): Promise<Invoice[]> {
    await BillingProfiles.lockMany(manager, await UnbilledEvents.accountsOf(manager, subscriptionIds, now));
    const { done, failed } = await isolateFailures(manager, subscriptionIds, async (some) => {
      const invoices: Invoice[] = [];
      for (let claimed = await this.claim(manager, now, some, []); claimed.length > 0; claimed = await this.claim(manager, now, some, [])) {
        invoices.push(...(await this.bill(manager, claimed, now, options)));
      }
      return invoices;
    });
    for (const { item, error } of failed) await this.failures.record(manager, 'bill-run', item, error);
    return done.flat();
  }

  /** A subscription that failed before, alone: a success clears the failure, a failure counts again. */
  private async retryFailing(now: Date, id: string, options: BillRunOptions): Promise<Invoice[]> {
    const invoices: Invoice[] = [];
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
  private claim(manager: EntityManager, now: Date, only: readonly string[] | null, except: readonly string[]): Promise<string[]> {
    return UnbilledEvents.claim(manager, { now, limit: BILL_RUN_CHUNK, only, except, lockSpace: BILL_RUN_LOCK_SPACE });
  }

  /** Invoices the claimed subscriptions' events due by `now`, up to a bounded number of instants each. */
  private async bill(manager: EntityManager, subscriptionIds: readonly string[], now: Date, options: BillRunOptions) {
    const events = await UnbilledEvents.take(manager, subscriptionIds, now, BILL_RUN_INSTANTS_PER_CLAIM);
    const accounts = await BillingProfiles.lockMany(manager, [...new Set(events.map((event) => event.accountId))]);
    const rates = await this.taxRates.activeRates(manager);
    const usage = await this.usage.rate(manager, await usageWindows(manager, events));
    const names = await namesFor(manager, events, usage);

    const batch: AccountDrafts[] = accounts.map((account) => {
      const result = generateInvoices({
        currency: account.currency,
        creditBalance: account.creditBalance,
        netTermsDays: account.netTermsDays,
        tax: treatmentOf(account, rates, options.seller),
        events: events.filter((event) => event.accountId === account.id),
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
    await appendToOutbox(manager, [...invoiceEvents(written), ...settledByCredit]);
    return written;
  }
}
