import { Query } from '@nestjs/cqrs';
import { BillingEventView } from '../billing-event.view';

/** The billing events of a subscription in the order they happened: what invoicing bills from. */
export class ListBillingEventsQuery extends Query<{ data: BillingEventView[] }> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}
