import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Payments } from '../../persistence/payments';
import { toPaymentView } from '../payment.view';
import { GetPaymentQuery } from './get-payment.query';

@QueryHandler(GetPaymentQuery)
export class GetPaymentHandler implements IQueryHandler<GetPaymentQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ paymentId }: GetPaymentQuery) {
    const payment = await Payments.find(this.dataSource.manager, paymentId);
    if (!payment) throw new NotFound('payment', paymentId);
    return toPaymentView(payment);
  }
}
