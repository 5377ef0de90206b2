import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PaymentCollector } from '../../charging/payment-collector';
import { CollectInvoicesCommand } from './collect-invoices.command';

@CommandHandler(CollectInvoicesCommand)
export class CollectInvoicesHandler implements ICommandHandler<CollectInvoicesCommand> {
  constructor(private readonly collector: PaymentCollector) {}

  async execute({ invoices }: CollectInvoicesCommand): Promise<void> {
    if (invoices.length === 0) return;
    await this.collector.open(invoices);
    await this.collector.charge({ invoiceIds: invoices.map((invoice) => invoice.invoiceId) });
  }
}
