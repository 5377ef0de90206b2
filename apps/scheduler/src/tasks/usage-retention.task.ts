import { UsageRetention } from '@billing/usage';
import { Injectable, Logger } from '@nestjs/common';
import { ScheduledTask } from './scheduled-task';

/** Daily: drops usage past its retention (events and rollups 38 months, dedupe keys 36 days). */
@Injectable()
export class UsageRetentionTask implements ScheduledTask {
  readonly name = 'usage-retention';
  readonly everyMs = 24 * 3600 * 1000;
  private readonly logger = new Logger('UsageRetention');

  constructor(private readonly retention: UsageRetention) {}

  async run(now: Date): Promise<void> {
    const purged = await this.retention.purge(now);
    this.logger.log(`usage retention: ${JSON.stringify(purged)}`);
  }
}
