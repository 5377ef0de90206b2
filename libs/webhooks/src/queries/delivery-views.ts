import { EntityManager } from 'typeorm';
import { WebhookDeliveries } from '../persistence/webhook-deliveries';
import { WebhookDeliveryEntity } from '../persistence/webhook-delivery.entity';
import type { WebhookDeliveryView } from './webhook-delivery.view';

/** Deliveries as the API shows them, with their attempts (one query for all of them). */
export async function deliveryViews(manager: EntityManager, deliveries: readonly WebhookDeliveryEntity[]): Promise<WebhookDeliveryView[]> {
  const attempts = await WebhookDeliveries.attemptsOf(
    manager,
    deliveries.map((delivery) => delivery.id),
  );
  return deliveries.map((delivery) => ({
    id: delivery.id,
    object: 'webhook_delivery',
    endpoint_id: delivery.endpointId,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    status: delivery.status,
    next_attempt_at: delivery.status === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
    attempts: attempts.get(delivery.id) ?? [],
    created_at: delivery.createdAt.toISOString(),
  }));
}

export async function deliveryView(manager: EntityManager, id: string): Promise<WebhookDeliveryView> {
  const delivery = await manager.findOneByOrFail(WebhookDeliveryEntity, { id });
  return (await deliveryViews(manager, [delivery]))[0];
}
