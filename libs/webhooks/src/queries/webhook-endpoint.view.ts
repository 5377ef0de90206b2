import type { WebhookSecret } from '../domain/secrets';

export type WebhookDisabledReason = 'gone' | 'failing' | 'manual';

/** An endpoint as stored. */
export interface WebhookEndpointRecord {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: WebhookDisabledReason | null;
  secrets: WebhookSecret[];
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An endpoint as the API shows it: never its secrets (the creation and a rotation answer the new one). */
export interface WebhookEndpointView {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  description: string | null;
  event_types: string[];
  enabled: boolean;
  /** Why it was disabled: `gone` (a 410), `failing` (5 days of failures), `manual` (PATCH). */
  disabled_reason: WebhookDisabledReason | null;
  created_at: string;
  updated_at: string;
}

/** The answer of a creation and of a rotation: the view and the secret that signs from now on. */
export interface WebhookEndpointWithSecretView extends WebhookEndpointView {
  secret: string;
}

export function toWebhookEndpointView(endpoint: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes,
    enabled: endpoint.enabled,
    disabled_reason: endpoint.disabledReason,
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
  };
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'webhook_endpoint.disabled': WebhookEndpointView;
  }
}
