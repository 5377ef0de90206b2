import { paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PaymentEntity } from '../../persistence/payment.entity';
import { toPaymentView } from '../payment.view';
import { ListPaymentsQuery } from './list-payments.query';

@QueryHandler(ListPaymentsQuery)
export class ListPaymentsHandler implements IQueryHandler<ListPaymentsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filters, page }: ListPaymentsQuery) {
    const query = this.dataSource.getRepository(PaymentEntity).createQueryBuilder('payment');
    if (filters.invoiceId) query.andWhere('payment.invoiceId = :invoiceId', { invoiceId: filters.invoiceId });
    if (filters.accountId) query.andWhere('payment.accountId = :accountId', { accountId: filters.accountId });
    if (filters.status) query.andWhere('payment.status = :status', { status: filters.status });
    return paginate(query, page, toPaymentView);
  }
}
