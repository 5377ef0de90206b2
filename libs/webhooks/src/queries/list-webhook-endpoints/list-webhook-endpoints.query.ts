import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import type { WebhookEndpointView } from '../webhook-endpoint.view';

export class ListWebhookEndpointsQuery extends Query<Page<WebhookEndpointView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}
