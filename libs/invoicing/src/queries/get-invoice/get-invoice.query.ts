import { Query } from '@nestjs/cqrs';
import { InvoiceView } from '../invoice.view';

export class GetInvoiceQuery extends Query<InvoiceView> {
  constructor(readonly invoiceId: string) {
    super();
  }
}
