import { appendToOutbox } from '@billing/core';
import { UsageInvoicing, UsageWindow, usageWindowKey } from '@billing/usage';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BillableEvent, generateInvoices } from '../domain/generate-invoices';
import { taxTreatment, TaxRate } from '../domain/taxes';
import { AccountDrafts, invoiceEvents, InvoiceStore, WrittenInvoice } from '../persistence/invoice-store';
import { TaxRateRepository } from '../tax-rates';

export const BILL_RUN_CHUNK = 300;
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
 * claims a few hundred subscriptions with unbilled events (try-locks, so schedulers share the work), reads their events, accounts and tax rates in a handful of queries, computes the invoices in
 * memory with the pure generator, and writes them with multi-row statements in the same transaction.
 */
@Injectable()
export class BillRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InvoiceStore,
    private readonly taxRates: TaxRateRepository,
    private readonly usage: UsageInvoicing,
  ) {}

  async runDue(now: Date, options: BillRunOptions): Promise<WrittenInvoice[]> {
    const invoices: WrittenInvoice[] = [];
    for (;;) {
      const chunk = await this.dataSource.transaction((manager) => this.runChunk(manager, now, options));
      invoices.push(...chunk.invoices);
      if (chunk.subscriptions < BILL_RUN_CHUNK) return invoices;
    }
  }

  private async runChunk(manager: EntityManager, now: Date, options: BillRunOptions) {
    // Bill runs claim subscriptions with advisory locks of their own, not row locks, so that they never make
    // a renewal (which locks subscription rows) skip a subscription.
    const claimed: { id: string }[] = await manager.query(
      `WITH due AS (
         SELECT DISTINCT subscription_id FROM billing_events
          WHERE billed_at IS NULL AND effective_at <= $1 AND ($3::text[] IS NULL OR subscription_id = ANY($3))
          LIMIT $2
       )
       SELECT subscription_id AS id FROM due WHERE pg_try_advisory_xact_lock($4, hashtext(subscription_id))`,
      [now, BILL_RUN_CHUNK, options.subscriptionIds ?? null, BILL_RUN_LOCK_SPACE],
    );
    if (claimed.length === 0) return { subscriptions: 0, invoices: [] };
    const subscriptionIds = claimed.map((row) => row.id);
    const events: EventRow[] = await manager.query(
      `SELECT * FROM billing_events WHERE subscription_id = ANY($1) AND billed_at IS NULL AND effective_at <= $2
        ORDER BY effective_at, id`,
      [subscriptionIds, now],
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
    return { subscriptions: claimed.length, invoices: written };
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
