import { Page, PageRequest, paginate } from '@billing/core';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MetricView, toMetricView } from './metric.view';
import { MetricEntity } from '../persistence/catalog.entities';
import { MetricRepository } from '../persistence/metric.repository';

export class GetMetricQuery extends Query<MetricView> {
  constructor(readonly idOrCode: string) {
    super();
  }
}

export class ListMetricsQuery extends Query<Page<MetricView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}

@QueryHandler(GetMetricQuery)
export class GetMetricHandler implements IQueryHandler<GetMetricQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricRepository,
  ) {}

  async execute({ idOrCode }: GetMetricQuery): Promise<MetricView> {
    const metric = await this.metrics.getMetric(this.dataSource.manager, idOrCode);
    return toMetricView(metric.snapshot());
  }
}

@QueryHandler(ListMetricsQuery)
export class ListMetricsHandler implements IQueryHandler<ListMetricsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ page }: ListMetricsQuery): Promise<Page<MetricView>> {
    return paginate(this.dataSource.manager.createQueryBuilder(MetricEntity, 'metric'), page, toMetricView);
  }
}
