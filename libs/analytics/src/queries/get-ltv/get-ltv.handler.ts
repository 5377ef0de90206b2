import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SnapshotReader } from '../snapshot-reader';
import { checkRange } from '../../domain/analytics-range';
import { ltvLookbackStart, ltvSeries } from '../../domain/analytics-series';
import { LtvSeriesView, toLtvPointView } from '../analytics.views';
import { GetLtvQuery } from './get-ltv.query';

@QueryHandler(GetLtvQuery)
export class GetLtvHandler implements IQueryHandler<GetLtvQuery> {
  constructor(private readonly snapshots: SnapshotReader) {}

  async execute({ request }: GetLtvQuery): Promise<LtvSeriesView> {
    const { from, to } = checkRange(request);
    const rows = await this.snapshots.read(request.currency, ltvLookbackStart(from), to);
    const data = ltvSeries(rows, from, to, request.interval).map(toLtvPointView);
    return { object: 'ltv_series', currency: request.currency, interval: request.interval, data };
  }
}
