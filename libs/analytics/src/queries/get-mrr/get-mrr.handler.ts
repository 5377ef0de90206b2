import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SnapshotReader } from '../snapshot-reader';
import { checkRange } from '../../domain/analytics-range';
import { mrrSeries } from '../../domain/analytics-series';
import { MrrSeriesView, toMrrPointView } from '../analytics.views';
import { GetMrrQuery } from './get-mrr.query';

@QueryHandler(GetMrrQuery)
export class GetMrrHandler implements IQueryHandler<GetMrrQuery> {
  constructor(private readonly snapshots: SnapshotReader) {}

  async execute({ request }: GetMrrQuery): Promise<MrrSeriesView> {
    const { from, to } = checkRange(request);
    const rows = await this.snapshots.read(request.currency, from, to);
    const data = mrrSeries(rows, from, to, request.interval).map(toMrrPointView);
    return { object: 'mrr_series', currency: request.currency, interval: request.interval, data };
  }
}
