import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SubscriptionEntity } from '../../persistence/subscription.entity';
import { toSubscriptionProps } from '../../persistence/subscription.mapper';
import { toSubscriptionView } from '../subscription.view';
import { GetSubscriptionQuery } from './get-subscription.query';

@QueryHandler(GetSubscriptionQuery)
export class GetSubscriptionHandler implements IQueryHandler<GetSubscriptionQuery> {
  constructor(@InjectRepository(SubscriptionEntity) private readonly subscriptions: Repository<SubscriptionEntity>) {}

  async execute({ subscriptionId }: GetSubscriptionQuery) {
    const subscription = await this.subscriptions.findOneBy({ id: subscriptionId });
    if (!subscription) throw new NotFound('subscription', subscriptionId);
    return toSubscriptionView(toSubscriptionProps(subscription));
  }
}
