import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { WebhookEndpoints } from '../../persistence/webhook-endpoints';
import { toWebhookEndpointView, WebhookEndpointView } from '../webhook-endpoint.view';
import { GetWebhookEndpointQuery } from './get-webhook-endpoint.query';

@QueryHandler(GetWebhookEndpointQuery)
export class GetWebhookEndpointHandler implements IQueryHandler<GetWebhookEndpointQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ endpointId }: GetWebhookEndpointQuery): Promise<WebhookEndpointView> {
    const endpoint = await WebhookEndpoints.find(this.dataSource.manager, endpointId);
    if (!endpoint) throw new NotFound('webhook endpoint', endpointId);
    return toWebhookEndpointView(endpoint);
  }
}
