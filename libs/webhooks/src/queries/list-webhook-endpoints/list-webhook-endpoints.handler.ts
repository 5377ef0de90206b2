import { paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { WebhookEndpointEntity } from '../../persistence/webhook-endpoint.entity';
import { toWebhookEndpointView } from '../webhook-endpoint.view';
import { ListWebhookEndpointsQuery } from './list-webhook-endpoints.query';

@QueryHandler(ListWebhookEndpointsQuery)
export class ListWebhookEndpointsHandler implements IQueryHandler<ListWebhookEndpointsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ page }: ListWebhookEndpointsQuery) {
    return paginate(this.dataSource.getRepository(WebhookEndpointEntity).createQueryBuilder('endpoint'), page, toWebhookEndpointView);
  }
}
