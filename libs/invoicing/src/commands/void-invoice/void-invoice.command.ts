import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { InvoiceView } from '../../queries/invoice.view';

export class VoidInvoiceCommand extends Command<InvoiceView> {
  constructor(
    readonly invoiceId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
