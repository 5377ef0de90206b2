import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { SubscriptionStatus } from '../../domain/subscription';
import { SubscriptionView } from '../subscription.view';

export class ListSubscriptionsQuery extends Query<Page<SubscriptionView>> {
  constructor(
    readonly filters: { accountId?: string; status?: SubscriptionStatus },
    readonly page: PageRequest,
  ) {
    super();
  }
}
