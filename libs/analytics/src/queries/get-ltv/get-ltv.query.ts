import { Query } from '@nestjs/cqrs';
import type { AnalyticsRequest } from '../analytics-request';
import type { LtvSeriesView } from '../analytics.views';

/** ARPA, revenue churn (3-month average) and LTV per day or month, from the snapshots. */
export class GetLtvQuery extends Query<LtvSeriesView> {
  constructor(readonly request: AnalyticsRequest) {
    super();
  }
}
