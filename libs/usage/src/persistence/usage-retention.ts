import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACCEPTANCE_WINDOW } from '../domain/acceptance';
import { monthOf, UsagePartitions } from './usage-partitions';

/**
 * How long usage is kept (the scheduler runs {@link UsageRetention.purge} daily):
 * - raw events and hourly rollups: {@link USAGE_RETENTION.eventMonths} months, the longest billing period a
 *   plan may have (3 years) plus the late-event window, since `latest` and `unique_count` re-read a period's
 *   raw events when it is invoiced or re-rated. Whole monthly partitions are dropped: no DELETE, no bloat.
 * - dedupe keys: the acceptance window plus a day; older timestamps are refused anyway, so such a key can
 *   never match an accepted event again.
 * - billed records (`usage_billed`): 90 days after their period ends, well after its last possible recheck.
 */
export const USAGE_RETENTION = { eventMonths: 38, keyDays: ACCEPTANCE_WINDOW.pastDays + 1, billedDays: 90 } as const;

export interface PurgeResult {
  droppedPartitions: string[];
  deletedKeys: number;
  deletedRollups: number;
  deletedBilled: number;
}

@Injectable()
export class UsageRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partitions: UsagePartitions,
  ) {}

  async purge(now: Date, retention: { eventMonths: number; keyDays: number; billedDays: number } = USAGE_RETENTION): Promise<PurgeResult> {
    const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - retention.eventMonths, 1));
    const droppedPartitions: string[] = [];
    for (const month of await this.partitions.existing()) {
      if (month < monthOf(cutoff)) {
        await this.dataSource.query(`DROP TABLE IF EXISTS usage_events_${month}`);
        droppedPartitions.push(month);
      }
    }
    if (droppedPartitions.length > 0) this.partitions.reset();
    await this.dataSource.query(`DELETE FROM usage_events_default WHERE occurred_at < $1`, [cutoff]);
    const count = async (sql: string, parameters: unknown[]) => {
      const [, affected]: [unknown, number] = await this.dataSource.query(sql, parameters);
      return affected;
    };
    const day = 86_400_000;
    return {
      droppedPartitions,
      deletedKeys: await count(`DELETE FROM usage_event_keys WHERE occurred_at < $1`, [new Date(now.getTime() - retention.keyDays * day)]),
      deletedRollups: await count(`DELETE FROM usage_rollups WHERE bucket_start < $1`, [cutoff]),
      deletedBilled: await count(`DELETE FROM usage_billed WHERE period_end < $1`, [new Date(now.getTime() - retention.billedDays * day)]),
    };
  }
}
