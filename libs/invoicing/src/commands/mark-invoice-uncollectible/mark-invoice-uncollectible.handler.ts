import { ChangeWriter } from '@billing/audit';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvoiceRepository } from '../../persistence/invoice.repository';
import { InvoiceView, toInvoiceViewOf } from '../../queries/invoice.view';
import { MarkInvoiceUncollectibleCommand } from './mark-invoice-uncollectible.command';

@CommandHandler(MarkInvoiceUncollectibleCommand)
export class MarkInvoiceUncollectibleHandler implements ICommandHandler<MarkInvoiceUncollectibleCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly invoices: InvoiceRepository,
  ) {}

  execute({ invoiceId, context }: MarkInvoiceUncollectibleCommand): Promise<InvoiceView> {
    return this.writer.run(context, async (manager, now) => {
      const invoice = await this.invoices.getForUpdate(manager, invoiceId);
      const before = toInvoiceViewOf(invoice.snapshot());
      invoice.markUncollectible(now);
      return {
        result: toInvoiceViewOf(invoice.snapshot()),
        events: eventsOf('invoice', invoice.id, invoice.pullEvents(), toInvoiceViewOf),
        save: () => this.invoices.save(manager, invoice),
        audit: { action: 'update', resourceType: 'invoice', resourceId: invoice.id, before },
      };
    });
  }
}
