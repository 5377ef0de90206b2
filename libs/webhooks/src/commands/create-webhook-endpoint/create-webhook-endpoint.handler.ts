import { ChangeWriter } from '@billing/audit';
import { newId } from '@billing/kernel';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newWebhookSecret } from '../../domain/secrets';
import { InvalidWebhookEndpoint } from '../../domain/webhook.errors';
import type { UrlPolicy } from '../../delivery/url-policy';
import { WebhookEndpointEntity } from '../../persistence/webhook-endpoint.entity';
import { toWebhookEndpointView, WebhookEndpointWithSecretView } from '../../queries/webhook-endpoint.view';
import { WEBHOOK_URL_POLICY, webhookEndpointErrors } from '../../webhook-url-policy';
import { CreateWebhookEndpointCommand } from './create-webhook-endpoint.command';

/**
 * Registers an endpoint once its URL passes the SSRF policy (resolved now) and its filter names known types.
 * The secret is answered here only, like an API key's: the audit log and a replayed answer hold the view
 * without it. The secret's instants are wall time (a credential, like an API key), the endpoint's billing time.
 */
@CommandHandler(CreateWebhookEndpointCommand)
export class CreateWebhookEndpointHandler implements ICommandHandler<CreateWebhookEndpointCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    @Inject(WEBHOOK_URL_POLICY) private readonly policy: UrlPolicy,
  ) {}

  async execute({ input, context }: CreateWebhookEndpointCommand): Promise<WebhookEndpointWithSecretView> {
    const errors = await webhookEndpointErrors(input, this.policy);
    if (errors.length > 0) throw new InvalidWebhookEndpoint(errors);
    const secret = newWebhookSecret();
    const view = await this.writer.run(context, async (manager, now) => {
      const endpoint: WebhookEndpointEntity = {
        id: newId('we'),
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        enabled: input.enabled,
        disabledReason: input.enabled ? null : 'manual',
        secrets: [{ secret, createdAt: new Date(), expiresAt: null }],
        failingSince: null,
        createdAt: now,
        updatedAt: now,
      };
      return {
        result: toWebhookEndpointView(endpoint),
        events: [],
        changed: true,
        save: async () => void (await manager.insert(WebhookEndpointEntity, endpoint)),
        audit: { action: 'create', resourceType: 'webhook_endpoint', resourceId: endpoint.id, before: null },
      };
    });
    return { ...view, secret };
  }
}
