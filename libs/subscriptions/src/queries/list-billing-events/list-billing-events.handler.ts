import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { billingEventsOf } from '../../persistence/unbilled-events';
import { toBillingEventView } from '../billing-event.view';
import { ListBillingEventsQuery } from './list-billing-events.query';

@QueryHandler(ListBillingEventsQuery)
export class ListBillingEventsHandler implements IQueryHandler<ListBillingEventsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ subscriptionId }: ListBillingEventsQuery) {
    const exists = await this.dataSource.query(`SELECT 1 FROM subscriptions WHERE id = $1`, [subscriptionId]);
    if (exists.length === 0) throw new NotFound('subscription', subscriptionId);
    const events = await billingEventsOf(this.dataSource.manager, subscriptionId);
    return {
      data: events.map(toBillingEventView),
    };
  }
}
