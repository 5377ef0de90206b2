import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { WebhookEndpointWithSecretView } from '../../queries/webhook-endpoint.view';

export interface WebhookEndpointInput {
  url: string;
  eventTypes: string[];
  description: string | null;
  enabled: boolean;
}

export class CreateWebhookEndpointCommand extends Command<WebhookEndpointWithSecretView> {
  constructor(
    readonly input: WebhookEndpointInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
