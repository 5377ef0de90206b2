import { FailedWork, Outbox, QUEUES, ScheduledTasks, TestClock, WorkFailures } from '@billing/core';
import { Clock, ValidationFailed } from '@billing/kernel';
import { WebhookDeliveries } from '@billing/webhooks';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

export type ClockAdvance =
  | { outcome: 'settled'; now: Date }
  | { outcome: 'failed'; now: Date; failures: FailedWork[] }
  | { outcome: 'timeout'; now: Date; pendingJobs: number };

interface PendingWork {
  /** Jobs waiting or running, events not yet relayed, webhook deliveries due, and 1 while the ticker has not run for the instant. */
  running: number;
  /** Jobs set to run later (retries after a failure) and relayed events not yet delivered. */
  later: number;
}

const POLL_MS = 50;

/**
 * Moves the test clock and waits for the scheduler to have done everything due by the new instant: its
 * ticker has run for that instant (scheduler_progress), every event is delivered, and no job is waiting,
 * running or set to retry. Work that failed meanwhile (a subscription left out of its chunk, a job that
 * threw) ends the wait as soon as nothing else is running: the answer names it instead of hiding it.
 */
@Injectable()
export class TestClockService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly failures: WorkFailures,
    @InjectQueue(QUEUES.domainEvents) private readonly events: Queue,
    @InjectQueue(QUEUES.scheduledTasks) private readonly tasks: Queue,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async advance(to: Date, timeoutSeconds: number): Promise<ClockAdvance> {
    const clock = this.clock as TestClock;
    await clock.refresh();
    const [{ since }]: { since: Date }[] = await this.dataSource.query(`SELECT clock_timestamp() AS since`);
    if (!(await clock.moveTo(to))) {
      throw new ValidationFailed(
        [{ field: 'now', message: `must not be before the current clock (${clock.now().toISOString()})` }],
        'The test clock only moves forward.',
      );
    }
    const deadline = Date.now() + timeoutSeconds * 1000;
    let quietPolls = 0;
    for (;;) {
      const [work, failures] = await Promise.all([this.pendingWork(to), this.failures.since(this.dataSource.manager, since)]);
      // Two quiet polls in a row: work that a finishing job enqueues is visible by the second.
      const quiet = work.running === 0 && (failures.length > 0 || work.later === 0);
      quietPolls = quiet ? quietPolls + 1 : 0;
      if (quietPolls >= 2) return failures.length > 0 ? { outcome: 'failed', now: to, failures } : { outcome: 'settled', now: to };
      if (Date.now() > deadline) return { outcome: 'timeout', now: to, pendingJobs: work.running + work.later };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async pendingWork(instant: Date): Promise<PendingWork> {
    const manager = this.dataSource.manager;
    const [backlog, ticked, dueDeliveries] = await Promise.all([
      Outbox.backlog(manager),
      ScheduledTasks.processedBy(manager, instant),
      WebhookDeliveries.dueCount(manager, instant),
    ]);
    const [events, tasks] = await Promise.all([
      this.events.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      this.tasks.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    ]);
    const running = [events, tasks].reduce((sum, counts) => sum + counts.waiting + counts.active + counts.prioritized, 0);
    const delayed = events.delayed + tasks.delayed;
    return {
      // Webhook deliveries due by the instant (in flight included) are work running: the dispatcher sends them.
      running: running + backlog.unrelayed + (ticked ? 0 : 1) + dueDeliveries,
      later: delayed + (backlog.undelivered - backlog.unrelayed),
    };
  }
}
