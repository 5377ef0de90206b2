import { Query } from '@nestjs/cqrs';
import type { AnalyticsRequest } from '../analytics-request';
import type { MrrSeriesView } from '../analytics.views';

/** MRR and its movements per day or month, from the snapshots. */
export class GetMrrQuery extends Query<MrrSeriesView> {
  constructor(readonly request: AnalyticsRequest) {
    super();
  }
}
