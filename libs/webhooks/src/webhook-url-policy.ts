import { APP_CONFIG, AppConfig } from '@billing/core';
import { FieldError, EVENT_TYPES } from '@billing/kernel';
import { Provider } from '@nestjs/common';
import { eventTypeFilterErrors } from './domain/event-types';
import { checkWebhookUrl, UrlPolicy } from './delivery/url-policy';

/** The SSRF policy of registration and delivery: WEBHOOK_ALLOW_PRIVATE_NETWORKS, and the system resolver. */
export const WEBHOOK_URL_POLICY = Symbol('WEBHOOK_URL_POLICY');

export const webhookUrlPolicyProvider: Provider = {
  provide: WEBHOOK_URL_POLICY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): UrlPolicy => ({ allowPrivateNetworks: config.webhookAllowPrivateNetworks }),
};

/**
 * The types an endpoint may subscribe to: every type the platform raises but `webhook.test`, which only
 * `POST /v1/webhook-endpoints/{id}/test` sends, to that endpoint whatever its filter (as Svix does).
 */
export const SUBSCRIBABLE_EVENT_TYPES: readonly string[] = EVENT_TYPES.filter((type) => type !== 'webhook.test');

/** The 422 field errors of an endpoint's url (SSRF policy, resolved now) and event types; none when valid. */
export async function webhookEndpointErrors(
  input: { url?: string; eventTypes?: readonly string[] },
  policy: UrlPolicy,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.url !== undefined) {
    const check = await checkWebhookUrl(input.url, policy);
    if (!check.ok) errors.push({ field: 'url', message: check.message });
  }
  if (input.eventTypes !== undefined) errors.push(...eventTypeFilterErrors(input.eventTypes, SUBSCRIBABLE_EVENT_TYPES));
  return errors;
}
