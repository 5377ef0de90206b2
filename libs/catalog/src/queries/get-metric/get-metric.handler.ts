import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MetricView, toMetricView } from '../metric.view';
import { MetricRepository } from '../../persistence/metric.repository';
import { GetMetricQuery } from './get-metric.query';

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
