import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const PARTITION_NAME = /^usage_events_(\d{4})_(\d{2})$/;
const PARTITION_LOCK = 'usage_events_partitions';

/** The UTC month of an instant as `YYYY_MM`, the suffix of its partition. */
export function monthOf(instant: Date): string {
  return `${instant.getUTCFullYear()}_${String(instant.getUTCMonth() + 1).padStart(2, '0')}`;
}

function monthBounds(month: string): { from: Date; to: Date } {
  const [year, monthNumber] = month.split('_').map(Number);
  return { from: new Date(Date.UTC(year, monthNumber - 1, 1)), to: new Date(Date.UTC(year, monthNumber, 1)) };
}

function nextMonth(month: string): string {
  return monthOf(monthBounds(month).to);
}

/**
 * The monthly partitions of `usage_events`, created when a month is first used (and the month after it, so
 * that the turn of a month finds its partition ready). Partitions are a matter of speed, never of
 * correctness: an event whose month has no partition lands in the DEFAULT partition, and creating the month
 * later moves such rows into it (create a plain table, move the rows, ATTACH, which locks the parent only
 * SHARE UPDATE EXCLUSIVE). Creation is serialised across processes by an advisory lock, bounded by a
 * lock timeout so that ingestion never queues behind a long reader; on timeout the next batch tries again.
 */
@Injectable()
export class UsagePartitions {
  private readonly logger = new Logger(UsagePartitions.name);
  private readonly known = new Set<string>();
  private loading: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Makes sure the months of these instants (and the month after the latest) have their partitions. */
  async ensureFor(instants: readonly Date[]): Promise<void> {
    if (instants.length === 0) return;
    const months = new Set(instants.map(monthOf));
    // The month after the latest belongs to the check too: known months alone must not skip it.
    months.add(nextMonth([...months].sort().pop() as string));
    if ([...months].every((month) => this.known.has(month))) return;
    this.loading ??= this.load();
    await this.loading;
    for (const month of [...months].sort()) {
      if (!this.known.has(month)) await this.create(month);
    }
  }

  /** The months that have a partition, as `YYYY_MM` (for tests and operations). */
  async existing(): Promise<string[]> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'usage_events'::regclass`,
    );
    return rows.flatMap((row) => {
      const match = PARTITION_NAME.exec(row.name);
      return match ? [`${match[1]}_${match[2]}`] : [];
    });
  }

  /** Forgets what it knows, e.g. after retention dropped partitions. */
  reset(): void {
    this.known.clear();
    this.loading = null;
  }

  private async load(): Promise<void> {
    for (const month of await this.existing()) this.known.add(month);
  }

  private async create(month: string): Promise<void> {
    const name = `usage_events_${month}`;
    const { from, to } = monthBounds(month);
    try {
      await this.dataSource.transaction(async (manager: EntityManager) => {
        await manager.query(`SET LOCAL lock_timeout = '5s'`);
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [PARTITION_LOCK]);
        const [{ exists }]: { exists: boolean }[] = await manager.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [name]);
        if (exists) return;
        await manager.query(`CREATE TABLE ${name} (LIKE usage_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
        // Rows that reached the default partition while the month had none move to it.
        await manager.query(
          `WITH moved AS (DELETE FROM usage_events_default WHERE occurred_at >= $1 AND occurred_at < $2 RETURNING *)
           INSERT INTO ${name} SELECT * FROM moved`,
          [from, to],
        );
        await manager.query(
          `ALTER TABLE usage_events ATTACH PARTITION ${name} FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
        );
      });
      this.known.add(month);
    } catch (error) {
      // The events of this month go to the default partition meanwhile: slower reads, same answers.
      this.logger.warn(`Could not create the usage partition ${name} (will retry): ${(error as Error).message}`);
    }
  }
}
