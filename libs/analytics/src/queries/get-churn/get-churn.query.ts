import { Query } from '@nestjs/cqrs';
import type { AnalyticsRequest } from '../analytics-request';
import type { ChurnSeriesView } from '../analytics.views';

/** Logo and revenue churn per day or month, from the snapshots. */
export class GetChurnQuery extends Query<ChurnSeriesView> {
  constructor(readonly request: AnalyticsRequest) {
    super();
  }
}
