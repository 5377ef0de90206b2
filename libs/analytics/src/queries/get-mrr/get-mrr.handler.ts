import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { checkRange } from '../../domain/analytics-range';
import { mrrSeries } from '../../domain/analytics-series';
import { DailySnapshots } from '../../persistence/daily-snapshots';
import { MrrSeriesView, toMrrPointView } from '../analytics.views';
import { GetMrrQuery } from './get-mrr.query';

@QueryHandler(GetMrrQuery)
export class GetMrrHandler implements IQueryHandler<GetMrrQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ request }: GetMrrQuery): Promise<MrrSeriesView> {
    const { from, to } = checkRange(request);
    const rows = await DailySnapshots.read(this.dataSource.manager, request.currency, from, to);
    const data = mrrSeries(rows, from, to, request.interval).map(toMrrPointView);
    return { object: 'mrr_series', currency: request.currency, interval: request.interval, data };
  }
}
