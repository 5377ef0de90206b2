import { BillingProfiles } from '@billing/accounts';
import { AppConfig, APP_CONFIG } from '@billing/core';
import { Clock, DomainError, ValidationFailed } from '@billing/kernel';
import { BillingSimulations, UnbilledEvents } from '@billing/subscriptions';
import { UsageInvoicing } from '@billing/usage';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, EntityManager } from 'typeorm';
import { namesFor, partiesOf, sellerOf, treatmentOf, usageWindows } from '../../bill-run/invoice-inputs';
import { DraftInvoice, generateInvoices } from '../../domain/generate-invoices';
import { Invoice } from '../../domain/invoice';
import { TaxRateRepository } from '../../tax-rates';
import { InvoicePreview } from '../invoice-preview.view';
import { toInvoiceView } from '../invoice.view';
import { PreviewInvoiceQuery } from './preview-invoice.query';

/**
 * The invoice an account would get next (its unbilled events, else each subscription's next renewal), or
 * the one a proposed change would produce now: the same generator as the bill run, on simulated events,
 * in a read-only transaction that writes nothing.
 */
@QueryHandler(PreviewInvoiceQuery)
export class PreviewInvoiceHandler implements IQueryHandler<PreviewInvoiceQuery> {
  constructor(
    private readonly dataSource: DataSource,
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
          ? await BillingSimulations.change(manager, request.subscriptionId, request.change, now)
          : { accountId: request.accountId, events: await this.nextEvents(manager, request.accountId) };
      const account = await BillingProfiles.find(manager, accountId);
      if (!account) throw new ValidationFailed([{ field: 'account_id', message: `no account "${accountId}"` }]);
      const usage = await this.usage.preview(manager, await usageWindows(manager, events));
      const seller = sellerOf(this.config);
      const { invoices } = generateInvoices({
        currency: account.currency,
        creditBalance: account.creditBalance,
        netTermsDays: account.netTermsDays,
        tax: treatmentOf(account, await this.taxRates.activeRates(manager), seller),
        events,
        usage,
        issuedAt: 'change' in request ? now : (events[0]?.effectiveAt ?? now),
        parties: partiesOf(account, seller),
        names: await namesFor(manager, events, usage),
      });
      if (invoices.length === 0) throw new DomainError('not_found', 'no_upcoming_invoice', 'Nothing would be invoiced.');
      return previewView(invoices[0], account.id, account.currency, now);
    });
  }

  /** The account's unbilled events when they bill something, else its subscriptions' next renewal. */
  private async nextEvents(manager: EntityManager, accountId: string) {
    const unbilled = await UnbilledEvents.ofAccount(manager, accountId);
    if (unbilled.some((event) => event.amount !== null)) return unbilled;
    return BillingSimulations.nextRenewal(manager, accountId);
  }
}

function previewView(draft: DraftInvoice, accountId: string, currency: string, now: Date): InvoicePreview {
  const { invoice, lines } = Invoice.finalize(
    draft,
    { id: '', number: '', accountId, currency },
    draft.lines.map(() => ''),
    now,
  ).snapshot();
  const view = toInvoiceView({ ...invoice, status: 'draft', paidAt: null }, lines);
  return { ...view, id: null, number: null, lines: view.lines.map((line) => ({ ...line, id: null })) };
}
