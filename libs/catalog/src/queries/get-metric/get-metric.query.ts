import { Query } from '@nestjs/cqrs';
import { MetricView } from '../metric.view';

export class GetMetricQuery extends Query<MetricView> {
  constructor(readonly idOrCode: string) {
    super();
  }
}
