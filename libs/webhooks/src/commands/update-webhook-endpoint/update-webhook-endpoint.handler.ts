import { ChangeWriter } from '@billing/audit';
import { NotFound } from '@billing/kernel';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvalidWebhookEndpoint } from '../../domain/webhook.errors';
import type { UrlPolicy } from '../../delivery/url-policy';
import { WebhookDeliveries } from '../../persistence/webhook-deliveries';
import { WebhookEndpointEntity } from '../../persistence/webhook-endpoint.entity';
import { WebhookEndpoints } from '../../persistence/webhook-endpoints';
import { toWebhookEndpointView, WebhookEndpointView } from '../../queries/webhook-endpoint.view';
import { WEBHOOK_URL_POLICY, webhookEndpointErrors } from '../../webhook-url-policy';
import { UpdateWebhookEndpointCommand } from './update-webhook-endpoint.command';

/**
 * Changes what is given. A new URL passes the SSRF policy again. Disabling (`enabled: false`) fails the
 * endpoint's pending deliveries, as an automatic disable does; enabling starts afresh (no failing streak),
 * with the events raised from then on, as Stripe does.
 */
@CommandHandler(UpdateWebhookEndpointCommand)
export class UpdateWebhookEndpointHandler implements ICommandHandler<UpdateWebhookEndpointCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    @Inject(WEBHOOK_URL_POLICY) private readonly policy: UrlPolicy,
  ) {}

  async execute({ endpointId, patch, context }: UpdateWebhookEndpointCommand): Promise<WebhookEndpointView> {
    const errors = await webhookEndpointErrors(patch, this.policy);
    if (errors.length > 0) throw new InvalidWebhookEndpoint(errors);
    return this.writer.run(context, async (manager, now) => {
      const before = await WebhookEndpoints.find(manager, endpointId, true);
      if (!before) throw new NotFound('webhook endpoint', endpointId);
      const enabled = patch.enabled ?? before.enabled;
      const after: WebhookEndpointEntity = {
        ...before,
        url: patch.url ?? before.url,
        eventTypes: patch.eventTypes ?? before.eventTypes,
        description: patch.description !== undefined ? patch.description : before.description,
        enabled,
        disabledReason: enabled ? null : before.enabled ? 'manual' : before.disabledReason,
        failingSince: enabled && !before.enabled ? null : before.failingSince,
        updatedAt: now,
      };
      return {
        result: toWebhookEndpointView(after),
        events: [],
        changed: true,
        save: async () => {
          await manager.save(WebhookEndpointEntity, after);
          if (before.enabled && !enabled) await WebhookDeliveries.failPendingOf(manager, [endpointId], now);
        },
        audit: { action: 'update', resourceType: 'webhook_endpoint', resourceId: endpointId, before: toWebhookEndpointView(before) },
      };
    });
  }
}
