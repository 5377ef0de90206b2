import { ChangeWriter } from '@billing/audit';
import { NotFound } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newWebhookSecret, rotateSecrets } from '../../domain/secrets';
import { WebhookEndpointEntity } from '../../persistence/webhook-endpoint.entity';
import { WebhookEndpoints } from '../../persistence/webhook-endpoints';
import { toWebhookEndpointView, WebhookEndpointWithSecretView } from '../../queries/webhook-endpoint.view';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

/**
 * A new secret signs from now on; the ones signing now go on for 24 hours of wall time (a credential's time,
 * like an API key's), so every attempt meanwhile carries both signatures and receivers switch without a gap.
 */
@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(private readonly writer: ChangeWriter) {}

  async execute({ endpointId, context }: RotateWebhookSecretCommand): Promise<WebhookEndpointWithSecretView> {
    const secret = newWebhookSecret();
    const view = await this.writer.run(context, async (manager, now) => {
      const endpoint = await WebhookEndpoints.find(manager, endpointId, true);
      if (!endpoint) throw new NotFound('webhook endpoint', endpointId);
      const rotated: WebhookEndpointEntity = { ...endpoint, secrets: rotateSecrets(endpoint.secrets, new Date(), secret), updatedAt: now };
      const before = toWebhookEndpointView(endpoint);
      return {
        result: toWebhookEndpointView(rotated),
        events: [],
        changed: true,
        save: async () => void (await manager.save(WebhookEndpointEntity, rotated)),
        audit: { action: 'update', resourceType: 'webhook_endpoint', resourceId: endpointId, before },
      };
    });
    return { ...view, secret };
  }
}
