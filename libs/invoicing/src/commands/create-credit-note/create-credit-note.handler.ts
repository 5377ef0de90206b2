import { AccountBalances, BillingProfiles } from '@billing/accounts';
import { ChangeWriter } from '@billing/audit';
import { AppConfig, APP_CONFIG } from '@billing/core';
import { domainEvent, eventsOf, newId, NotFound, ValidationFailed } from '@billing/kernel';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { partiesOf, sellerOf } from '../../bill-run/invoice-inputs';
import { CreditNoteRecord, creditNoteAmounts, formatCreditNoteNumber } from '../../domain/credit-note';
import { Invoice } from '../../domain/invoice';
import { applyCreditToOpenInvoices } from '../../persistence/account-credit';
import { CreditNoteEntity } from '../../persistence/invoice.entity';
import { nextNumbers } from '../../persistence/invoice-store';
import { InvoiceRepository } from '../../persistence/invoice.repository';
import { CreditNoteView, toCreditNoteView } from '../../queries/credit-note.view';
import { toInvoiceViewOf } from '../../queries/invoice.view';
import { CreateCreditNoteCommand } from './create-credit-note.command';

/**
 * A credit note on an unpaid invoice lowers what remains to pay (and settles the invoice when nothing
 * remains); on a paid invoice it credits the account's balance, which goes at once to the account's open
 * invoices and then to later ones (the Invoice decides which). Its tax is the invoice's, pro rata; it keeps
 * a snapshot of the parties as they are when it is issued, like an invoice. With `refund`, a paid invoice's
 * credit goes back through the payment provider instead: the payments lib's saga refunds the invoice's
 * payments on `credit_note.created`.
 */
@CommandHandler(CreateCreditNoteCommand)
export class CreateCreditNoteHandler implements ICommandHandler<CreateCreditNoteCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly invoices: InvoiceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ input, context }: CreateCreditNoteCommand): Promise<CreditNoteView> {
    return this.writer.run(context, async (manager, now) => {
      const invoice = await this.invoiceFor(manager, input.invoiceId);
      const { appliedTo, balanceCredit } = invoice.credit(input.amount, now, input.refund);
      const note = await this.issue(manager, invoice, input, appliedTo, now);
      const view = toCreditNoteView(note);
      return {
        result: view,
        events: [
          domainEvent('credit_note.created', 'credit_note', note.id, view, now),
          ...eventsOf('invoice', invoice.id, invoice.pullEvents(), toInvoiceViewOf),
        ],
        save: async () => {
          await manager.insert(CreditNoteEntity, note);
          await this.invoices.save(manager, invoice);
          if (balanceCredit === 0) return [];
          await AccountBalances.credit(manager, invoice.accountId, balanceCredit);
          return applyCreditToOpenInvoices(manager, [invoice.accountId], now);
        },
        audit: { action: 'create', resourceType: 'credit_note', resourceId: note.id, before: null },
      };
    });
  }

  private invoiceFor(manager: EntityManager, invoiceId: string): Promise<Invoice> {
    return this.invoices.getForUpdate(manager, invoiceId).catch((error: unknown) => {
      throw error instanceof NotFound ? new ValidationFailed([{ field: 'invoice_id', message: `no invoice "${invoiceId}"` }]) : error;
    });
  }

  /** The note, numbered, with the parties as they are now and the invoice's tax rates. */
  private async issue(
    manager: EntityManager,
    invoice: Invoice,
    input: CreateCreditNoteCommand['input'],
    appliedTo: CreditNoteRecord['appliedTo'],
    now: Date,
  ): Promise<CreditNoteRecord> {
    const { invoice: record } = invoice.snapshot();
    const account = await BillingProfiles.find(manager, record.accountId);
    if (!account) throw new NotFound('account', record.accountId);
    const parties = partiesOf(account, sellerOf(this.config));
    const [number] = await nextNumbers(manager, 'credit_note', 1);
    return {
      id: newId('cn'),
      number: formatCreditNoteNumber(number),
      invoiceId: record.id,
      accountId: record.accountId,
      currency: record.currency,
      amount: input.amount,
      ...creditNoteAmounts(input.amount, record),
      reason: input.reason ?? null,
      refund: input.refund,
      appliedTo,
      snapshot: {
        seller: parties.seller,
        buyer: parties.buyer,
        time_zone: parties.timeZone,
        plans: {},
        metrics: {},
        tax_rates: record.snapshot.tax_rates,
      },
      createdAt: now,
    };
  }
}
