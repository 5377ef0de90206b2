import { EventSubscriber } from '@billing/core';
import { DomainEvent, EVENT_TYPES, EventType } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { webhookBody } from '../domain/payload';
import { WebhookDeliveries } from '../persistence/webhook-deliveries';

/** Every type an endpoint may receive (`webhook.test` only comes from its own command). */
const FANNED_OUT: readonly EventType[] = EVENT_TYPES.filter((type) => type !== 'webhook.test');

/**
 * Turns events into deliveries: one per (event, enabled endpoint whose filter takes it), the whole batch in one
 * INSERT … SELECT, in the transaction that marks the batch processed (the inbox), so an event is fanned out once
 * however often its batch is redelivered, and none is lost to a crash. The body is the event's, serialised once
 * here (`{ id, type, created_at, data: { object } }`, the object being the resource as the API showed it when
 * the event happened: the outbox stores views). Endpoints added later do not receive earlier events (Stripe).
 * Each delivery keeps its event's trace, which its attempts continue.
 */
@Injectable()
export class FanOutWebhooksSubscriber implements EventSubscriber {
  readonly name = 'webhooks.fan-out';
  readonly types = FANNED_OUT;

  async handle(events: readonly DomainEvent[], manager: EntityManager): Promise<void> {
    await WebhookDeliveries.fanOut(
      manager,
      events.map((event) => ({
        id: event.id,
        type: event.type,
        body: webhookBody(event),
        createdAt: event.createdAt,
        traceparent: event.traceparent ?? null,
      })),
    );
  }
}
