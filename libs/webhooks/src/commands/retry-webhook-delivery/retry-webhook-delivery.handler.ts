import { ChangeWriter } from '@billing/audit';
import { NotFound } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { WebhookEndpointDisabled } from '../../domain/webhook.errors';
import { WebhookDeliveries } from '../../persistence/webhook-deliveries';
import { WebhookEndpoints } from '../../persistence/webhook-endpoints';
import { deliveryView } from '../../queries/delivery-views';
import type { WebhookDeliveryView } from '../../queries/webhook-delivery.view';
import { RetryWebhookDeliveryCommand } from './retry-webhook-delivery.command';

/**
 * Makes a delivery due now, outside its schedule, whatever its status (a succeeded one is sent again, as
 * Svix's resend does; the receiver dedupes on `webhook-id`). The attempt counts like the others: after the
 * tenth, a failure is final. 409 when the endpoint is disabled.
 */
@CommandHandler(RetryWebhookDeliveryCommand)
export class RetryWebhookDeliveryHandler implements ICommandHandler<RetryWebhookDeliveryCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ deliveryId, context }: RetryWebhookDeliveryCommand): Promise<WebhookDeliveryView> {
    await this.writer.run(context, async (manager, now) => {
      const delivery = await WebhookDeliveries.find(manager, deliveryId);
      if (!delivery) throw new NotFound('webhook delivery', deliveryId);
      const endpoint = await WebhookEndpoints.find(manager, delivery.endpointId);
      if (!endpoint?.enabled) throw new WebhookEndpointDisabled(delivery.endpointId);
      return {
        result: { id: deliveryId, status: 'pending' },
        events: [],
        changed: true,
        save: () => WebhookDeliveries.dueNow(manager, deliveryId, now),
        audit: {
          action: 'update',
          resourceType: 'webhook_delivery',
          resourceId: deliveryId,
          before: { id: deliveryId, status: delivery.status },
        },
      };
    });
    return deliveryView(this.dataSource.manager, deliveryId);
  }
}
