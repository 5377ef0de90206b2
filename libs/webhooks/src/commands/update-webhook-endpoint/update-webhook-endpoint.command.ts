import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { WebhookEndpointView } from '../../queries/webhook-endpoint.view';
import type { WebhookEndpointInput } from '../create-webhook-endpoint/create-webhook-endpoint.command';

export class UpdateWebhookEndpointCommand extends Command<WebhookEndpointView> {
  constructor(
    readonly endpointId: string,
    readonly patch: Partial<WebhookEndpointInput>,
    readonly context: RequestContext,
  ) {
    super();
  }
}
