import { Clock, QUEUES, TestClock, ValidationFailed } from '@billing/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

export interface ClockAdvance {
  now: Date;
  pendingJobs: number;
  settled: boolean;
}

const POLL_MS = 50;

/**
 * Moves the test clock and waits for the scheduler to have done everything due by the new instant: its
 * ticker has run for that instant (scheduler_progress), every event is delivered, and no job is waiting,
 * running or set to retry.
 */
@Injectable()
export class TestClockService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.domainEvents) private readonly events: Queue,
    @InjectQueue(QUEUES.scheduledTasks) private readonly tasks: Queue,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async advance(to: Date, timeoutSeconds: number): Promise<ClockAdvance> {
    const clock = this.clock as TestClock;
    await clock.refresh();
    if (!(await clock.moveTo(to))) {
      throw new ValidationFailed(
        [{ field: 'now', message: `must not be before the current clock (${clock.now().toISOString()})` }],
        'The test clock only moves forward.',
      );
    }
    const deadline = Date.now() + timeoutSeconds * 1000;
    let quietPolls = 0;
    for (;;) {
      const pendingJobs = await this.pendingWork(to);
      // Two quiet polls in a row: work that a finishing job enqueues is visible by the second.
      quietPolls = pendingJobs === 0 ? quietPolls + 1 : 0;
      if (quietPolls >= 2) return { now: to, pendingJobs: 0, settled: true };
      if (Date.now() > deadline) return { now: to, pendingJobs, settled: false };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async pendingWork(instant: Date): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM events WHERE delivered_at IS NULL)::int AS undelivered,
              coalesce((SELECT processed_until >= $1 FROM scheduler_progress WHERE id = 1), false) AS ticked`,
      [instant],
    );
    const [events, tasks] = await Promise.all([
      this.events.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      this.tasks.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    ]);
    const queued = [...Object.values(events), ...Object.values(tasks)].reduce((sum, count) => sum + count, 0);
    return row.undelivered + queued + (row.ticked ? 0 : 1);
  }
}
