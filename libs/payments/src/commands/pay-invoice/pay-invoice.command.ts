import type { InvoiceView } from '@billing/invoicing';
import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';

/** Collect an open invoice now: charge the account's default method, or record a payment made out of band. */
export class PayInvoiceCommand extends Command<InvoiceView> {
  constructor(
    readonly invoiceId: string,
    readonly paidOutOfBand: boolean,
    readonly context: RequestContext,
  ) {
    super();
  }
}
