import { PlanRepository } from '@billing/catalog';
import { AppConfig, APP_CONFIG } from '@billing/core';
import { Clock, DomainError, ValidationFailed } from '@billing/kernel';
import { PlanNotPricedInCurrency, Proration, SubscriptionRepository, Timing } from '@billing/subscriptions';
import { UsageInvoicing } from '@billing/usage';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource, EntityManager } from 'typeorm';
import {
  ACCOUNT_ROW_COLUMNS,
  AccountRow,
  EventRow,
  namesFor,
  partiesOf,
  sellerOf,
  toBillableEvent,
  treatmentOf,
  usageWindows,
} from '../bill-run/bill-run';
import { DraftInvoice, generateInvoices } from '../domain/generate-invoices';
import { InvoiceView, toInvoiceView } from '../domain/invoice-view';
import { recordFromDraft } from '../persistence/invoice-store';
import { TaxRateRepository } from '../tax-rates';

export interface ProposedChange {
  planId?: string;
  planCode?: string;
  quantity?: number;
  timing: Timing;
  proration: Proration;
}

export type PreviewRequest = { accountId: string } | { subscriptionId: string; change: ProposedChange };

export type InvoicePreview = Omit<InvoiceView, 'id' | 'number'> & { id: null; number: null };

export class PreviewInvoiceQuery extends Query<InvoicePreview> {
  constructor(readonly request: PreviewRequest) {
    super();
  }
}

/**
 * The invoice an account would get next (its unbilled events, else each subscription's next renewal), or
 * the one a proposed change would produce now: the same generator as the bill run, on simulated events,
 * in a read-only transaction that writes nothing.
 */
@QueryHandler(PreviewInvoiceQuery)
export class PreviewInvoiceHandler implements IQueryHandler<PreviewInvoiceQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly taxRates: TaxRateRepository,
    private readonly clock: Clock,
    private readonly usage: UsageInvoicing,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ request }: PreviewInvoiceQuery): Promise<InvoicePreview> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const now = this.clock.now();
      const { accountId, events } =
        'change' in request
          ? await this.changeEvents(manager, request.subscriptionId, request.change, now)
          : await this.nextEvents(manager, request.accountId);
      const [account]: AccountRow[] = await manager.query(`SELECT ${ACCOUNT_ROW_COLUMNS} FROM accounts WHERE id = $1`, [accountId]);
      if (!account) throw new ValidationFailed([{ field: 'account_id', message: `no account "${accountId}"` }]);
      const usage = await this.usage.preview(manager, await usageWindows(manager, events));
      const seller = sellerOf(this.config);
      const { invoices } = generateInvoices({
        currency: account.currency,
        creditBalance: Number(account.credit_balance),
        netTermsDays: account.net_terms_days,
        tax: treatmentOf(account, await this.taxRates.activeRates(manager), seller.country),
        events,
        usage,
        issuedAt: 'change' in request ? now : (events[0]?.effectiveAt ?? now),
        parties: partiesOf(account, seller),
        names: await namesFor(manager, events, usage),
      });
      if (invoices.length === 0) throw new DomainError('not_found', 'no_upcoming_invoice', 'Nothing would be invoiced.');
      return previewView(invoices[0], account, now);
    });
  }

  private async nextEvents(manager: EntityManager, accountId: string) {
    const unbilled: EventRow[] = await manager.query(
      `SELECT * FROM billing_events WHERE account_id = $1 AND billed_at IS NULL ORDER BY effective_at, id`,
      [accountId],
    );
    if (unbilled.some((event) => event.amount !== null)) return { accountId, events: unbilled.map(toBillableEvent) };
    const simulated = (await this.subscriptions.findBilling(manager, accountId)).flatMap((subscription) => {
      subscription.advance(subscription.snapshot().currentPeriodEnd);
      return subscription.pullBillingEvents();
    });
    const earliest = Math.min(...simulated.map((event) => event.effectiveAt.getTime()));
    return { accountId, events: simulated.filter((event) => event.effectiveAt.getTime() === earliest) };
  }

  private async changeEvents(manager: EntityManager, subscriptionId: string, change: ProposedChange, now: Date) {
    const subscription = await this.subscriptions.find(manager, subscriptionId);
    if (!subscription) throw new ValidationFailed([{ field: 'subscription_id', message: `no subscription "${subscriptionId}"` }]);
    const current = subscription.snapshot();
    const reference = change.planId ?? change.planCode;
    let plan = current.plan;
    if (reference) {
      const found = await this.plans.findPlan(manager, reference);
      if (!found)
        throw new ValidationFailed([{ field: change.planId ? 'change.plan_id' : 'change.plan_code', message: `no plan "${reference}"` }]);
      const unitAmount = found.priceIn(current.currency);
      if (unitAmount === undefined) throw new PlanNotPricedInCurrency(found.code, current.currency);
      plan = {
        id: found.id,
        code: found.code,
        interval: found.interval,
        intervalCount: found.intervalCount,
        trialDays: found.trialDays,
        unitAmount,
      };
    }
    subscription.pullBillingEvents();
    subscription.change({ plan, quantity: change.quantity ?? current.quantity, timing: change.timing, proration: change.proration }, now);
    return { accountId: current.accountId, events: subscription.pullBillingEvents() };
  }
}

function previewView(draft: DraftInvoice, account: AccountRow, now: Date): InvoicePreview {
  const { invoice, lines } = recordFromDraft(draft, { id: '', number: '', accountId: account.id, currency: account.currency }, now);
  const view = toInvoiceView({ ...invoice, status: 'draft', paidAt: null }, lines);
  return { ...view, id: null, number: null, lines: view.lines.map((line) => ({ ...line, id: null as unknown as string })) };
}
