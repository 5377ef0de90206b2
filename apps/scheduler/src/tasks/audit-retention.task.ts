import { purgeExpiredAuditEntries } from '@billing/audit';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledTask } from './scheduled-task';

@Injectable()
export class AuditRetentionTask implements ScheduledTask {
  readonly name = 'audit-retention';
  readonly everyMs = 24 * 3600 * 1000;
  private readonly logger = new Logger('AuditRetention');

  constructor(private readonly dataSource: DataSource) {}

  async run(): Promise<void> {
    const removed = await purgeExpiredAuditEntries(this.dataSource);
    if (removed > 0) this.logger.log(`removed ${removed} audit entries older than three years`);
  }
}
