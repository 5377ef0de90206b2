import { EVENT_TYPES, EventType } from '@billing/kernel';
import { Type } from '@nestjs/common';
import { getSchemaPath, OpenAPIObject, PathItemObject, SchemaObject } from '@nestjs/swagger';
import { AccountResponse, OverdueStateChangedResponse } from '../accounts/account.response.dto';
import { MetricResponse } from '../catalog/metric.response.dto';
import { PlanResponse } from '../catalog/plan.response.dto';
import { CreditNoteResponse, InvoiceResponse } from '../invoices/invoice.response.dto';
import { PaymentResponse } from '../payments/payment.response.dto';
import { SubscriptionResponse } from '../subscriptions/subscription.response.dto';
import { TaxRateResponse } from '../tax-rates/tax-rate.response.dto';
import { WebhookEndpointResponse } from '../webhooks/webhook-endpoint.response.dto';

/**
 * The resource each event type carries in `data.object` (the kernel's EventPayloads, as response schemas): a
 * Record over EVENT_TYPES, so that a new type does not compile until it is described here.
 */
export const EVENT_PAYLOADS: Record<EventType, Type<unknown>> = {
  'account.created': AccountResponse,
  'account.updated': AccountResponse,
  'account.overdue_state_changed': OverdueStateChangedResponse,
  'metric.created': MetricResponse,
  'plan.created': PlanResponse,
  'plan.updated': PlanResponse,
  'tax_rate.created': TaxRateResponse,
  'tax_rate.updated': TaxRateResponse,
  'subscription.created': SubscriptionResponse,
  'subscription.updated': SubscriptionResponse,
  'subscription.trial_will_end': SubscriptionResponse,
  'subscription.paused': SubscriptionResponse,
  'subscription.resumed': SubscriptionResponse,
  'subscription.canceled': SubscriptionResponse,
  'invoice.created': InvoiceResponse,
  'invoice.finalized': InvoiceResponse,
  'invoice.paid': InvoiceResponse,
  'invoice.payment_failed': InvoiceResponse,
  'invoice.voided': InvoiceResponse,
  'invoice.overdue': InvoiceResponse,
  'invoice.marked_uncollectible': InvoiceResponse,
  'credit_note.created': CreditNoteResponse,
  'payment.succeeded': PaymentResponse,
  'payment.failed': PaymentResponse,
  'payment.refunded': PaymentResponse,
  'webhook.test': WebhookEndpointResponse,
  'webhook_endpoint.disabled': WebhookEndpointResponse,
};

/** The union of every event, discriminated by `type`: the item of `GET /v1/events` and a webhook's body. */
export const EVENT_SCHEMA = 'Event';
export const EVENT_PAGE_SCHEMA = 'EventPage';

/** `invoice.payment_failed` → `InvoicePaymentFailedEvent`. */
export function eventSchemaName(type: EventType): string {
  const words = type.split(/[._]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `${words.join('')}Event`;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function eventSchema(type: EventType): SchemaObject {
  return {
    type: 'object',
    description: `The \`${type}\` event: \`data.object\` is the resource after the change.`,
    required: ['id', 'type', 'created_at', 'data'],
    properties: {
      id: { type: 'string', example: 'evt_7d0…', description: 'Unique; also the `webhook-id` of its deliveries.' },
      type: { type: 'string', enum: [type] },
      created_at: { type: 'string', format: 'date-time' },
      data: { type: 'object', required: ['object'], properties: { object: { $ref: getSchemaPath(EVENT_PAYLOADS[type]) } } },
    },
  };
}

/** What a webhook endpoint receives for `type`: a POST of the event, signed per Standard Webhooks. */
function webhook(type: EventType): PathItemObject {
  const header = (name: string, description: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } });
  return {
    post: {
      operationId: `on${eventSchemaName(type)}`,
      summary: `The \`${type}\` event, delivered to your endpoint`,
      description:
        'Sent to every enabled endpoint subscribed to this type (or `*`), signed per Standard Webhooks. Answer 2xx ' +
        'within 10 s; other answers are retried with backoff, and 410 disables the endpoint.',
      tags: ['Webhooks'],
      // Authenticated by its signature (the headers below), not by a security scheme of this API.
      security: [],
      parameters: [
        header('webhook-id', 'The event id: the same on every retry, for deduplication.'),
        header('webhook-timestamp', 'Seconds since the epoch when this attempt was signed.'),
        header('webhook-signature', '`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` with the endpoint secret.'),
      ],
      requestBody: { required: true, content: { 'application/json': { schema: ref(eventSchemaName(type)) } } },
      responses: { '200': { description: 'Any 2xx acknowledges the delivery.' } },
    },
  } as PathItemObject;
}

/**
 * Adds the event catalogue to the document: one schema per event type, their `type`-discriminated union
 * `Event`, its page, and each type under `x-webhooks` (OpenAPI 3.0's stand-in for 3.1's
 * `webhooks`) so that generators and docs show what an endpoint receives.
 */
export function describeEvents(document: OpenAPIObject): void {
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const type of EVENT_TYPES) schemas[eventSchemaName(type)] = eventSchema(type);
  schemas[EVENT_SCHEMA] = {
    description: 'An event, by its `type`.',
    oneOf: EVENT_TYPES.map((type) => ref(eventSchemaName(type))),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(EVENT_TYPES.map((type) => [type, `#/components/schemas/${eventSchemaName(type)}`])),
    },
  };
  schemas[EVENT_PAGE_SCHEMA] = {
    type: 'object',
    description: 'A page of events.',
    required: ['data', 'has_more', 'next_cursor'],
    properties: {
      data: { type: 'array', items: ref(EVENT_SCHEMA) },
      has_more: { type: 'boolean', description: 'Whether another page follows: pass `next_cursor` as `cursor` to get it.' },
      next_cursor: { type: 'string', nullable: true, description: 'The cursor of the next page, null on the last page.' },
    },
  };
  document.components.schemas = schemas;
  (document as OpenAPIObject & { 'x-webhooks': Record<string, PathItemObject> })['x-webhooks'] = Object.fromEntries(
    EVENT_TYPES.map((type) => [type, webhook(type)]),
  );
}
