import { Query } from '@nestjs/cqrs';
import { SubscriptionView } from '../subscription.view';

export class GetSubscriptionQuery extends Query<SubscriptionView> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}
