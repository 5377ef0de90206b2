import { AccountBalances, BillingProfiles } from '@billing/accounts';
import { recordAudit } from '@billing/audit';
import { AppConfig, APP_CONFIG, appendToOutbox } from '@billing/core';
import { Clock, domainEvent, DomainEvent, newId, NotFound, RequestContext, ValidationFailed } from '@billing/kernel';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { partiesOf, sellerOf } from '../bill-run/invoice-inputs';
import { CreditNoteRecord, creditNoteAmounts, CreditNoteView, formatCreditNoteNumber, toCreditNoteView } from '../domain/credit-note';
import { cannotCredit, CreditExceedsInvoice, RefundUnavailable } from '../domain/invoicing.errors';
import { amountRemaining, toInvoiceView } from '../domain/invoice-view';
import { applyCreditToOpenInvoices } from '../persistence/account-credit';
import { CreditNoteEntity, InvoiceEntity, InvoiceLineEntity } from '../persistence/invoice.entity';
import { nextNumbers } from '../persistence/invoice-store';

export interface CreateCreditNoteInput {
  invoiceId: string;
  amount: number;
  reason?: string;
  refund: boolean;
}

export class CreateCreditNoteCommand extends Command<CreditNoteView> {
  constructor(
    readonly input: CreateCreditNoteInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * A credit note on an unpaid invoice lowers what remains to pay (and settles the invoice when nothing
 * remains); on a paid invoice it credits the account's balance, which goes at once to the account's open
 * invoices and then to later ones. Its tax is the invoice's, pro rata; it keeps a snapshot of the parties as
 * they are when it is issued, like an invoice. Refunds wait for a payment provider.
 */
@CommandHandler(CreateCreditNoteCommand)
export class CreateCreditNoteHandler implements ICommandHandler<CreateCreditNoteCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ input, context }: CreateCreditNoteCommand) {
    if (input.refund) throw new RefundUnavailable();
    return this.dataSource.transaction(async (manager) => {
      const invoice = await manager.findOne(InvoiceEntity, { where: { id: input.invoiceId }, lock: { mode: 'pessimistic_write' } });
      if (!invoice) throw new ValidationFailed([{ field: 'invoice_id', message: `no invoice "${input.invoiceId}"` }]);
      if (invoice.status !== 'open' && invoice.status !== 'paid') throw cannotCredit(invoice.status);
      const now = this.clock.now();
      const onInvoice = invoice.status === 'open';
      // A paid invoice can be credited up to what it charged, less what earlier credit notes gave back.
      const maximum = onInvoice ? amountRemaining(invoice) : Math.max(0, invoice.total - invoice.amountCredited);
      if (input.amount > maximum) throw new CreditExceedsInvoice(maximum);

      const account = await BillingProfiles.find(manager, invoice.accountId);
      if (!account) throw new NotFound('account', invoice.accountId);
      const parties = partiesOf(account, sellerOf(this.config));
      const [number] = await nextNumbers(manager, 'credit_note', 1);
      const note: CreditNoteRecord = {
        id: newId('cn'),
        number: formatCreditNoteNumber(number),
        invoiceId: invoice.id,
        accountId: invoice.accountId,
        currency: invoice.currency,
        amount: input.amount,
        ...creditNoteAmounts(input.amount, invoice),
        reason: input.reason ?? null,
        refund: false,
        appliedTo: onInvoice ? 'invoice' : 'credit_balance',
        snapshot: {
          seller: parties.seller,
          buyer: parties.buyer,
          time_zone: parties.timeZone,
          plans: {},
          metrics: {},
          tax_rates: invoice.snapshot.tax_rates,
        },
        createdAt: now,
      };
      await manager.insert(CreditNoteEntity, note);
      const view = toCreditNoteView(note);
      const events: DomainEvent[] = [domainEvent('credit_note.created', 'credit_note', note.id, view, now)];
      const credited = { ...invoice, amountCredited: invoice.amountCredited + input.amount, updatedAt: now };
      if (onInvoice && amountRemaining(credited) === 0) Object.assign(credited, { status: 'paid', paidAt: now });
      await manager.update(
        InvoiceEntity,
        { id: invoice.id },
        { amountCredited: credited.amountCredited, status: credited.status, paidAt: credited.paidAt, updatedAt: now },
      );
      if (!onInvoice) {
        await AccountBalances.credit(manager, invoice.accountId, input.amount);
        events.push(...(await applyCreditToOpenInvoices(manager, [invoice.accountId], now)));
      }
      if (credited.status === 'paid' && invoice.status === 'open') {
        const lines = await manager.findBy(InvoiceLineEntity, { invoiceId: invoice.id });
        events.push(domainEvent('invoice.paid', 'invoice', invoice.id, toInvoiceView(credited, lines), now));
      }
      await appendToOutbox(manager, events, context.requestId);
      await recordAudit(manager, context, {
        action: 'create',
        resourceType: 'credit_note',
        resourceId: note.id,
        before: null,
        after: view,
        at: now,
      });
      return view;
    });
  }
}
