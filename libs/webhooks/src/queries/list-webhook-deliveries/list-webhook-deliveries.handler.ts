import { Page, paginate } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { WebhookDeliveryEntity } from '../../persistence/webhook-delivery.entity';
import { WebhookEndpoints } from '../../persistence/webhook-endpoints';
import { deliveryViews } from '../delivery-views';
import type { WebhookDeliveryView } from '../webhook-delivery.view';
import { ListWebhookDeliveriesQuery } from './list-webhook-deliveries.query';

/** An endpoint's deliveries, newest first, each with its attempts. */
@QueryHandler(ListWebhookDeliveriesQuery)
export class ListWebhookDeliveriesHandler implements IQueryHandler<ListWebhookDeliveriesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ endpointId, status, page }: ListWebhookDeliveriesQuery): Promise<Page<WebhookDeliveryView>> {
    const manager = this.dataSource.manager;
    if (!(await WebhookEndpoints.find(manager, endpointId))) throw new NotFound('webhook endpoint', endpointId);
    const query = manager.getRepository(WebhookDeliveryEntity).createQueryBuilder('delivery');
    query.where('delivery.endpointId = :endpointId', { endpointId });
    if (status) query.andWhere('delivery.status = :status', { status });
    const entities = await paginate(query, page, (delivery) => delivery);
    return { ...entities, data: await deliveryViews(manager, entities.data) };
  }
}
