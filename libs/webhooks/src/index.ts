/**
 * Webhooks out (docs/api.md, Webhooks out and events): the building blocks of deliveries, as the Standard
 * Webhooks spec (standardwebhooks.com) and Stripe do them. The tables, commands, fan-out and dispatcher are below.
 *
 * ## Pure (domain/, `@billing/webhooks/domain`)
 * - Secrets: `newWebhookSecret()` (`whsec_` + base64 of 32 random bytes); an endpoint keeps `WebhookSecret`s
 *   (`createdAt`, `expiresAt`), `rotateSecrets` adds one and lets the others sign 24 h more, and
 *   `secretsSigningAt(secrets, at)` says which sign a message sent at `at`.
 * - Signatures: `webhookHeaders(id, at, body, secrets)` → `webhook-id`, `webhook-timestamp`,
 *   `webhook-signature` (`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, one per secret), so any
 *   Standard Webhooks library verifies them. Sign every attempt anew (receivers refuse old timestamps).
 * - Body: `webhookBody(event)` → `{ id, type, created_at, data: { object } }`, serialised once and stored with
 *   the message; `webhook-id` is the event's id, the same on every retry.
 * - Filters: `eventTypeFilterErrors(eventTypes, knownTypes)` (FieldErrors for a 422), `acceptsEventType`.
 * - Retries: `decideAfterAttempt(outcome, { attempt, at, failingSince })` → delivered, retry at, give up, or
 *   disable the endpoint (410, or 5 days of failures: keep `failingSinceAfter` per endpoint); see retry-schedule.ts.
 *
 * ## Delivery (delivery/)
 * - `checkWebhookUrl(url, { allowPrivateNetworks })`: the SSRF policy, a refusal naming why (422 on `url`).
 * - `deliver({ url, headers, body, timeoutMs }, policy, pool?)`: one attempt, checked again and connected to the
 *   addresses vetted (DNS rebinding), on a kept-alive connection to them from `pool` (a `ConnectionPool`) when
 *   given; its result is the outcome `decideAfterAttempt` takes.
 */
export * from './domain';
export * from './delivery/connection-pool';
export * from './delivery/deliver';
export * from './delivery/url-policy';
export * from './domain/webhook.errors';
export * from './webhooks.module';
export * from './webhook-url-policy';
export * from './persistence/webhook-deliveries';
export * from './dispatch/webhook-dispatcher';
export * from './dispatch/webhook-metrics';
export * from './sagas/fan-out-webhooks.subscriber';
export * from './queries/webhook-endpoint.view';
export * from './queries/webhook-delivery.view';
export * from './queries/list-webhook-endpoints/list-webhook-endpoints.query';
export * from './queries/get-webhook-endpoint/get-webhook-endpoint.query';
export * from './queries/list-webhook-deliveries/list-webhook-deliveries.query';
export * from './commands/create-webhook-endpoint/create-webhook-endpoint.command';
export * from './commands/update-webhook-endpoint/update-webhook-endpoint.command';
export * from './commands/delete-webhook-endpoint/delete-webhook-endpoint.command';
export * from './commands/rotate-webhook-secret/rotate-webhook-secret.command';
export * from './commands/send-test-webhook/send-test-webhook.command';
export * from './commands/retry-webhook-delivery/retry-webhook-delivery.command';
