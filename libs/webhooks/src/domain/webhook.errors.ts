import { Conflict, DomainError, FieldError } from '@billing/kernel';

/** A URL the SSRF policy or the event-type filter refuses: 422 naming the field at fault. */
export class InvalidWebhookEndpoint extends DomainError {
  constructor(errors: FieldError[]) {
    super(
      'validation',
      'invalid_webhook_endpoint',
      `The webhook endpoint is invalid: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}.`,
      errors,
    );
  }
}

/** A delivery to a disabled endpoint cannot be retried: enable the endpoint first (409). */
export class WebhookEndpointDisabled extends Conflict {
  constructor(endpointId: string) {
    super('webhook_endpoint_disabled', `The webhook endpoint ${endpointId} is disabled: enable it (PATCH enabled: true) before retrying.`);
  }
}
