import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { WebhookEndpointWithSecretView } from '../../queries/webhook-endpoint.view';

export class RotateWebhookSecretCommand extends Command<WebhookEndpointWithSecretView> {
  constructor(
    readonly endpointId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
