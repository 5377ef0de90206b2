import { ChangeWriter } from '@billing/audit';
import { NotFound } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WebhookEndpointEntity } from '../../persistence/webhook-endpoint.entity';
import { WebhookEndpoints } from '../../persistence/webhook-endpoints';
import { toWebhookEndpointView, WebhookEndpointView } from '../../queries/webhook-endpoint.view';
import { DeleteWebhookEndpointCommand } from './delete-webhook-endpoint.command';

/**
 * Deletes the endpoint with its deliveries and their attempts (as Stripe does: they are its log); an attempt in
 * flight finishes but records nothing. Answers the endpoint as it was.
 */
@CommandHandler(DeleteWebhookEndpointCommand)
export class DeleteWebhookEndpointHandler implements ICommandHandler<DeleteWebhookEndpointCommand> {
  constructor(private readonly writer: ChangeWriter) {}

  execute({ endpointId, context }: DeleteWebhookEndpointCommand): Promise<WebhookEndpointView> {
    return this.writer.run(context, async (manager) => {
      const endpoint = await WebhookEndpoints.find(manager, endpointId, true);
      if (!endpoint) throw new NotFound('webhook endpoint', endpointId);
      const view = toWebhookEndpointView(endpoint);
      return {
        result: view,
        events: [],
        changed: true,
        save: async () => void (await manager.delete(WebhookEndpointEntity, { id: endpointId })),
        audit: { action: 'delete', resourceType: 'webhook_endpoint', resourceId: endpointId, before: view },
      };
    });
  }
}
