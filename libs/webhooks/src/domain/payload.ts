import type { DomainEvent } from '@billing/kernel';

/** The body of a delivery (docs/api.md, Webhooks out and events). */
export interface WebhookPayload {
  id: string;
  type: string;
  /** ISO 8601, UTC. */
  created_at: string;
  data: { object: object };
}

/**
 * An event's delivery body, serialised once, when the message is made: the caller stores this string and
 * sends it on every attempt, so the bytes signed are the bytes sent and every retry sends the same ones
 * (re-serialising could reorder keys or change numbers, and break the signature a receiver checks).
 */
export function webhookBody(event: Pick<DomainEvent, 'id' | 'type' | 'createdAt' | 'data'>): string {
  const payload: WebhookPayload = {
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    data: { object: event.data },
  };
  return JSON.stringify(payload);
}
