import { ChangeWriter } from '@billing/audit';
import { activeTraceparent } from '@billing/core';
import { domainEvent, newId, NotFound } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { webhookBody } from '../../domain/payload';
import { WebhookEndpointDisabled } from '../../domain/webhook.errors';
import { WebhookDeliveries } from '../../persistence/webhook-deliveries';
import { WebhookEndpoints } from '../../persistence/webhook-endpoints';
import { deliveryView } from '../../queries/delivery-views';
import type { WebhookDeliveryView } from '../../queries/webhook-delivery.view';
import { toWebhookEndpointView } from '../../queries/webhook-endpoint.view';
import { SendTestWebhookCommand } from './send-test-webhook.command';

/**
 * A `webhook.test` message (the endpoint itself as its object) to this endpoint only, whatever its filter,
 * due now and retried like any other. Not an event of the log: it concerns this endpoint alone (as Svix's test
 * messages). Answers the delivery, pending: its attempts show in the deliveries list.
 */
@CommandHandler(SendTestWebhookCommand)
export class SendTestWebhookHandler implements ICommandHandler<SendTestWebhookCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ endpointId, context }: SendTestWebhookCommand): Promise<WebhookDeliveryView> {
    const deliveryId = await this.writer.run(context, async (manager, now) => {
      const endpoint = await WebhookEndpoints.find(manager, endpointId);
      if (!endpoint) throw new NotFound('webhook endpoint', endpointId);
      if (!endpoint.enabled) throw new WebhookEndpointDisabled(endpointId);
      const event = domainEvent('webhook.test', 'webhook_endpoint', endpointId, toWebhookEndpointView(endpoint), now);
      const id = newId('whd');
      return {
        result: id,
        events: [],
        changed: true,
        save: () =>
          WebhookDeliveries.enqueueFor(manager, id, endpointId, {
            id: event.id,
            type: event.type,
            body: webhookBody(event),
            createdAt: now,
            traceparent: activeTraceparent() ?? null,
          }),
        audit: { action: 'create', resourceType: 'webhook_delivery', resourceId: id, before: null },
      };
    });
    return deliveryView(this.dataSource.manager, deliveryId);
  }
}
