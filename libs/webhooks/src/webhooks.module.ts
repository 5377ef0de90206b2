import { AuditModule } from '@billing/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateWebhookEndpointHandler } from './commands/create-webhook-endpoint/create-webhook-endpoint.handler';
import { DeleteWebhookEndpointHandler } from './commands/delete-webhook-endpoint/delete-webhook-endpoint.handler';
import { RetryWebhookDeliveryHandler } from './commands/retry-webhook-delivery/retry-webhook-delivery.handler';
import { RotateWebhookSecretHandler } from './commands/rotate-webhook-secret/rotate-webhook-secret.handler';
import { SendTestWebhookHandler } from './commands/send-test-webhook/send-test-webhook.handler';
import { UpdateWebhookEndpointHandler } from './commands/update-webhook-endpoint/update-webhook-endpoint.handler';
import { WebhookDispatcher } from './dispatch/webhook-dispatcher';
import { WebhookDeliveryEntity } from './persistence/webhook-delivery.entity';
import { WebhookEndpointEntity } from './persistence/webhook-endpoint.entity';
import { GetWebhookEndpointHandler } from './queries/get-webhook-endpoint/get-webhook-endpoint.handler';
import { ListWebhookDeliveriesHandler } from './queries/list-webhook-deliveries/list-webhook-deliveries.handler';
import { ListWebhookEndpointsHandler } from './queries/list-webhook-endpoints/list-webhook-endpoints.handler';
import { FanOutWebhooksSubscriber } from './sagas/fan-out-webhooks.subscriber';
import { webhookUrlPolicyProvider } from './webhook-url-policy';

/** Webhook endpoints, the fan-out of events into deliveries and their dispatcher (started by the scheduler). */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpointEntity, WebhookDeliveryEntity]), AuditModule],
  providers: [
    webhookUrlPolicyProvider,
    CreateWebhookEndpointHandler,
    UpdateWebhookEndpointHandler,
    DeleteWebhookEndpointHandler,
    RotateWebhookSecretHandler,
    SendTestWebhookHandler,
    RetryWebhookDeliveryHandler,
    ListWebhookEndpointsHandler,
    GetWebhookEndpointHandler,
    ListWebhookDeliveriesHandler,
    FanOutWebhooksSubscriber,
    WebhookDispatcher,
  ],
  exports: [FanOutWebhooksSubscriber, WebhookDispatcher],
})
export class WebhooksModule {}
