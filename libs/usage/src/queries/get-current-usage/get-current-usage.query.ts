import { Query } from '@nestjs/cqrs';
import { CurrentUsageView } from '../current-usage.view';

/** `GET /v1/subscriptions/{id}/usage`. */
export class GetCurrentUsageQuery extends Query<CurrentUsageView> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}
