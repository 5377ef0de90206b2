import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { WebhookDeliveryView } from '../../queries/webhook-delivery.view';

export class RetryWebhookDeliveryCommand extends Command<WebhookDeliveryView> {
  constructor(
    readonly deliveryId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
