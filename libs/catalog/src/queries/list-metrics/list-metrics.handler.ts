import { Page, paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MetricView, toMetricView } from '../metric.view';
import { MetricEntity } from '../../persistence/catalog.entities';
import { ListMetricsQuery } from './list-metrics.query';

@QueryHandler(ListMetricsQuery)
export class ListMetricsHandler implements IQueryHandler<ListMetricsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ page }: ListMetricsQuery): Promise<Page<MetricView>> {
    return paginate(this.dataSource.manager.createQueryBuilder(MetricEntity, 'metric'), page, toMetricView);
  }
}
