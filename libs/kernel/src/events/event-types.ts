/**
 * Every type of event the platform records (the outbox, `GET /v1/events`, webhooks): one list, so that a
 * type is never spelled twice. API.md's list, the catalog's and tax rates' own, and those of capabilities
 * still to come, which no code raises yet.
 */
export const EVENT_TYPES = [
  'account.created',
  'account.updated',
  'account.overdue_state_changed',
  'metric.created',
  'plan.created',
  'plan.updated',
  'tax_rate.created',
  'tax_rate.updated',
  'subscription.created',
  'subscription.updated',
  'subscription.trial_will_end',
  'subscription.paused',
  'subscription.resumed',
  'subscription.canceled',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.voided',
  'invoice.overdue',
  'invoice.marked_uncollectible',
  'credit_note.created',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'webhook.test',
  'webhook_endpoint.disabled',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The resource each event type carries in `data`, as the API shows it. Empty here: each lib declares its
 * own types' payloads where its views are, by declaration merging —
 * `declare module '@billing/kernel' { interface EventPayloads { 'invoice.paid': InvoiceView } }` — so that
 * `domainEvent('invoice.paid', …)` only accepts an invoice and a saga's `EventOf<'invoice.paid'>` reads one.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventPayloads {}

export type EventData<T extends EventType> = T extends keyof EventPayloads ? EventPayloads[T] : object;

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
