import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { InvoiceView } from '../invoice.view';
import { InvoiceStatus } from '../../domain/invoice-record';

export class ListInvoicesQuery extends Query<Page<InvoiceView>> {
  constructor(
    readonly filters: { accountId?: string; subscriptionId?: string; status?: InvoiceStatus },
    readonly page: PageRequest,
  ) {
    super();
  }
}
