import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { InvoiceView } from '../../queries/invoice.view';

/** A person writes off an open invoice (`POST /v1/invoices/{id}/mark-uncollectible`); 409 for any other status. */
export class MarkInvoiceUncollectibleCommand extends Command<InvoiceView> {
  constructor(
    readonly invoiceId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
