import { Module } from '@nestjs/common';
import { RebuildSnapshotsHandler } from './commands/rebuild-snapshots/rebuild-snapshots.handler';
import { GetChurnHandler } from './queries/get-churn/get-churn.handler';
import { GetLtvHandler } from './queries/get-ltv/get-ltv.handler';
import { GetMrrHandler } from './queries/get-mrr/get-mrr.handler';
import { LatestMrr } from './queries/latest-mrr';
import { SnapshotReader } from './queries/snapshot-reader';
import { DailySnapshotsRun } from './run/daily-snapshots-run';
import { SubscriptionsModule } from '@billing/subscriptions';

/** Analytics: the daily snapshots (scheduler), their rebuild, and the reads of MRR, churn and LTV. */
@Module({
  imports: [SubscriptionsModule],
  providers: [DailySnapshotsRun, RebuildSnapshotsHandler, GetMrrHandler, GetChurnHandler, GetLtvHandler, LatestMrr, SnapshotReader],
  exports: [DailySnapshotsRun, LatestMrr],
})
export class AnalyticsModule {}
