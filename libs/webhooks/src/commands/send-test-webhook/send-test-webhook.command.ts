import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { WebhookDeliveryView } from '../../queries/webhook-delivery.view';

export class SendTestWebhookCommand extends Command<WebhookDeliveryView> {
  constructor(
    readonly endpointId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
