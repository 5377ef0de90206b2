import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { MetricView } from '../metric.view';

export class ListMetricsQuery extends Query<Page<MetricView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}
