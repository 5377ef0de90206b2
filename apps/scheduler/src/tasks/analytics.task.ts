import { DailySnapshotsRun } from '@billing/analytics';
import { Injectable, Logger } from '@nestjs/common';
import { ScheduledTask } from './scheduled-task';

/**
 * Every hour of billing time: the analytics' snapshot of each day that has ended (UTC) since the last one, and
 * the last one again (idempotent: a day's rows are replaced).
 */
@Injectable()
export class AnalyticsTask implements ScheduledTask {
  // Due tasks are enqueued in the order of their names: this one comes after the billing cycle and dunning,
  // so that it never takes a worker slot ahead of them.
  readonly name = 'mrr-snapshots';
  readonly everyMs = 3_600_000;
  private readonly logger = new Logger('Analytics');

  constructor(private readonly snapshots: DailySnapshotsRun) {}

  async run(now: Date): Promise<void> {
    const days = await this.snapshots.run(now);
    if (days.length > 1) this.logger.log(`to ${now.toISOString()}: snapshots of ${days[0]} to ${days[days.length - 1]}`);
  }
}
