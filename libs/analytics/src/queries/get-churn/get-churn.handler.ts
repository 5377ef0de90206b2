import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { addDays, checkRange } from '../../domain/analytics-range';
import { churnSeries } from '../../domain/analytics-series';
import { ChurnSeriesView, toChurnPointView } from '../analytics.views';
import { SnapshotReader } from '../snapshot-reader';
import { GetChurnQuery } from './get-churn.query';

@QueryHandler(GetChurnQuery)
export class GetChurnHandler implements IQueryHandler<GetChurnQuery> {
  constructor(private readonly snapshots: SnapshotReader) {}

  async execute({ request }: GetChurnQuery): Promise<ChurnSeriesView> {
    const { from, to } = checkRange(request);
    // The day before `from`: the first period's start.
    const rows = await this.snapshots.read(request.currency, addDays(from, -1), to);
    const data = churnSeries(rows, from, to, request.interval).map(toChurnPointView);
    return { object: 'churn_series', currency: request.currency, interval: request.interval, data };
  }
}
