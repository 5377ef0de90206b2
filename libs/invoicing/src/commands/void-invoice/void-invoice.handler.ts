import { AccountBalances } from '@billing/accounts';
import { ChangeWriter } from '@billing/audit';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { applyCreditToOpenInvoices } from '../../persistence/account-credit';
import { InvoiceRepository } from '../../persistence/invoice.repository';
import { InvoiceView, toInvoiceViewOf } from '../../queries/invoice.view';
import { VoidInvoiceCommand } from './void-invoice.command';

/** Voids an open invoice that has no payment; credit it consumed goes back to the account, and on to its other open invoices. */
@CommandHandler(VoidInvoiceCommand)
export class VoidInvoiceHandler implements ICommandHandler<VoidInvoiceCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly invoices: InvoiceRepository,
  ) {}

  execute({ invoiceId, context }: VoidInvoiceCommand): Promise<InvoiceView> {
    return this.writer.run(context, async (manager, now) => {
      const invoice = await this.invoices.getForUpdate(manager, invoiceId);
      const before = toInvoiceViewOf(invoice.snapshot());
      const { balanceCredit } = invoice.void(now);
      return {
        result: toInvoiceViewOf(invoice.snapshot()),
        events: eventsOf('invoice', invoice.id, invoice.pullEvents(), toInvoiceViewOf),
        save: async () => {
          await this.invoices.save(manager, invoice);
          if (balanceCredit === 0) return [];
          await AccountBalances.credit(manager, invoice.accountId, balanceCredit);
          return applyCreditToOpenInvoices(manager, [invoice.accountId], now);
        },
        audit: { action: 'update', resourceType: 'invoice', resourceId: invoice.id, before },
      };
    });
  }
}
