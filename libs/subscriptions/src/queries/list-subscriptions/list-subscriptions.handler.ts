import { paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SubscriptionEntity } from '../../persistence/subscription.entity';
import { toSubscriptionProps } from '../../persistence/subscription.mapper';
import { toSubscriptionView } from '../subscription.view';
import { ListSubscriptionsQuery } from './list-subscriptions.query';

const toView = (entity: SubscriptionEntity) => toSubscriptionView(toSubscriptionProps(entity));

@QueryHandler(ListSubscriptionsQuery)
export class ListSubscriptionsHandler implements IQueryHandler<ListSubscriptionsQuery> {
  constructor(@InjectRepository(SubscriptionEntity) private readonly subscriptions: Repository<SubscriptionEntity>) {}

  execute({ filters, page }: ListSubscriptionsQuery) {
    const query = this.subscriptions.createQueryBuilder('subscription');
    if (filters.accountId) query.andWhere('subscription.accountId = :accountId', { accountId: filters.accountId });
    if (filters.status) query.andWhere('subscription.status = :status', { status: filters.status });
    return paginate(query, page, toView);
  }
}
