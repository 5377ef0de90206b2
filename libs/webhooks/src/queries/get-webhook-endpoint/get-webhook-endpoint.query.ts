import { Query } from '@nestjs/cqrs';
import type { WebhookEndpointView } from '../webhook-endpoint.view';

export class GetWebhookEndpointQuery extends Query<WebhookEndpointView> {
  constructor(readonly endpointId: string) {
    super();
  }
}
