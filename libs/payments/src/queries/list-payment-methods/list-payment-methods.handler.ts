import { BillingProfiles } from '@billing/accounts';
import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PaymentMethods } from '../../persistence/payment-methods';
import { toPaymentMethodView } from '../payment-method.view';
import { ListPaymentMethodsQuery } from './list-payment-methods.query';

@QueryHandler(ListPaymentMethodsQuery)
export class ListPaymentMethodsHandler implements IQueryHandler<ListPaymentMethodsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ accountId }: ListPaymentMethodsQuery) {
    const manager = this.dataSource.manager;
    if (!(await BillingProfiles.find(manager, accountId))) throw new NotFound('account', accountId);
    return { data: (await PaymentMethods.ofAccount(manager, accountId)).map(toPaymentMethodView) };
  }
}
