import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import type { WebhookDeliveryView } from '../webhook-delivery.view';

export class ListWebhookDeliveriesQuery extends Query<Page<WebhookDeliveryView>> {
  constructor(
    readonly endpointId: string,
    readonly status: WebhookDeliveryView['status'] | undefined,
    readonly page: PageRequest,
  ) {
    super();
  }
}
