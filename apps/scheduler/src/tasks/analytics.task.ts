import { DailySnapshotsRun } from '@billing/analytics';
import { Injectable, Logger } from '@nestjs/common';
import { ScheduledTask } from './scheduled-task';

/**
 * Every hour of billing time: the analytics' snapshot of each day that has ended (UTC) since the last one, and
 * the last one again (idempotent: a day's rows are replaced).
 */
@Injectable()
export class AnalyticsTask implements ScheduledTask {
  readonly name = 'analytics';
  readonly everyMs = 3_600_000;
  private readonly logger = new Logger('Analytics');

  constructor(private readonly snapshots: DailySnapshotsRun) {}

  async run(now: Date): Promise<void> {
    const days = await this.snapshots.run(now);
    if (days.length > 1) this.logger.log(`to ${now.toISOString()}: snapshots of ${days[0]} to ${days[days.length - 1]}`);
  }
}
