import { appendToOutbox } from '@billing/core';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvoiceRepository } from '../../persistence/invoice.repository';
import { toInvoiceViewOf } from '../../queries/invoice.view';
import { WriteOffInvoicesCommand } from './write-off-invoices.command';

@CommandHandler(WriteOffInvoicesCommand)
export class WriteOffInvoicesHandler implements ICommandHandler<WriteOffInvoicesCommand> {
  constructor(private readonly invoices: InvoiceRepository) {}

  async execute({ accountIds, now, manager }: WriteOffInvoicesCommand): Promise<string[]> {
    if (accountIds.length === 0) return [];
    const open = await this.invoices.getOpenOfAccountsForUpdate(manager, accountIds);
    for (const invoice of open) invoice.markUncollectible(now);
    await this.invoices.saveMany(manager, open);
    await appendToOutbox(
      manager,
      open.flatMap((invoice) => eventsOf('invoice', invoice.id, invoice.pullEvents(), toInvoiceViewOf)),
    );
    return open.map((invoice) => invoice.id);
  }
}
