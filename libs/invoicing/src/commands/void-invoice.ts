import { AccountBalances } from '@billing/accounts';
import { recordAudit } from '@billing/audit';
import { appendToOutbox } from '@billing/core';
import { Clock, domainEvent, DomainEvent, NotFound, RequestContext } from '@billing/kernel';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { cannotVoid } from '../domain/invoicing.errors';
import { InvoiceView, toInvoiceView } from '../domain/invoice-view';
import { applyCreditToOpenInvoices } from '../persistence/account-credit';
import { InvoiceEntity, InvoiceLineEntity } from '../persistence/invoice.entity';

export class VoidInvoiceCommand extends Command<InvoiceView> {
  constructor(
    readonly invoiceId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Voids an open invoice that has no payment; credit it consumed goes back to the account, and on to its other open invoices. */
@CommandHandler(VoidInvoiceCommand)
export class VoidInvoiceHandler implements ICommandHandler<VoidInvoiceCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  execute({ invoiceId, context }: VoidInvoiceCommand) {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await manager.findOne(InvoiceEntity, { where: { id: invoiceId }, lock: { mode: 'pessimistic_write' } });
      if (!invoice) throw new NotFound('invoice', invoiceId);
      if (invoice.status !== 'open' || invoice.amountPaid > 0) throw cannotVoid(invoice.status);
      const lines = await manager.findBy(InvoiceLineEntity, { invoiceId });
      const before = toInvoiceView(invoice, lines);
      const now = this.clock.now();
      await manager.update(InvoiceEntity, { id: invoiceId }, { status: 'void', voidedAt: now, updatedAt: now });
      const events: DomainEvent[] = [];
      if (invoice.creditApplied > 0) {
        await AccountBalances.credit(manager, invoice.accountId, invoice.creditApplied);
      }
      const after = toInvoiceView({ ...invoice, status: 'void', voidedAt: now, updatedAt: now }, lines);
      events.push(domainEvent('invoice.voided', 'invoice', invoiceId, after, now));
      if (invoice.creditApplied > 0) events.push(...(await applyCreditToOpenInvoices(manager, [invoice.accountId], now)));
      await appendToOutbox(manager, events, context.requestId);
      await recordAudit(manager, context, { action: 'update', resourceType: 'invoice', resourceId: invoiceId, before, after, at: now });
      return after;
    });
  }
}
