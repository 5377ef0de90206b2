import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import type { PaymentRecord } from '../../domain/payment';
import type { PaymentView } from '../payment.view';

export interface PaymentFilters {
  invoiceId?: string;
  accountId?: string;
  status?: PaymentRecord['status'];
}

export class ListPaymentsQuery extends Query<Page<PaymentView>> {
  constructor(
    readonly filters: PaymentFilters,
    readonly page: PageRequest,
  ) {
    super();
  }
}
