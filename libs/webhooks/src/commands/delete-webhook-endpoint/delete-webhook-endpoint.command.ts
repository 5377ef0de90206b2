import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { WebhookEndpointView } from '../../queries/webhook-endpoint.view';

export class DeleteWebhookEndpointCommand extends Command<WebhookEndpointView> {
  constructor(
    readonly endpointId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
