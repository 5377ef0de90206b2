import { appendToOutbox } from '@billing/core';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvoiceRepository } from '../../persistence/invoice.repository';
import { toInvoiceViewOf } from '../../queries/invoice.view';
import { MarkInvoicesOverdueCommand } from './mark-invoices-overdue.command';

@CommandHandler(MarkInvoicesOverdueCommand)
export class MarkInvoicesOverdueHandler implements ICommandHandler<MarkInvoicesOverdueCommand> {
  constructor(private readonly invoices: InvoiceRepository) {}

  async execute({ invoiceIds, now, manager }: MarkInvoicesOverdueCommand): Promise<void> {
    if (invoiceIds.length === 0) return;
    const invoices = await this.invoices.getManyForUpdate(manager, invoiceIds);
    for (const invoice of invoices) invoice.overdue(now);
    await appendToOutbox(
      manager,
      invoices.flatMap((invoice) => eventsOf('invoice', invoice.id, invoice.pullEvents(), toInvoiceViewOf)),
    );
  }
}
