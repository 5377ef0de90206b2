import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DailySnapshots } from '../persistence/daily-snapshots';

/** Each currency's MRR (minor units) on the last day computed: what the api's `mrr_dollars` gauge shows. */
@Injectable()
export class LatestMrr {
  constructor(private readonly dataSource: DataSource) {}

  read(): Promise<{ currency: string; mrr: number }[]> {
    return DailySnapshots.latestMrr(this.dataSource.manager);
  }
}
