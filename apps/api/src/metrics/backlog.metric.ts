import { Outbox, QUEUES } from '@billing/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { JobType, Queue } from 'bullmq';
import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { BackgroundRefresh } from './background-refresh';

/** The states a job waits or works in (completed jobs are kept a week for deduplication: not a backlog). */
const STATES: JobType[] = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'failed'];

/**
 * The work not done yet, shared by the whole deployment: jobs per queue and state, the age of each queue's
 * oldest waiting job, and the age of the oldest event the outbox relay has not moved to the queue. Measured by
 * the api rather than the scheduler, so that they still show (and alert) when the scheduler is down, which is
 * when they grow. Every replica reports the same values: aggregate with max().
 */
@Injectable()
export class BacklogMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs = new Gauge({
    name: 'queue_jobs',
    help: 'Jobs per queue and state (waiting, prioritized, active, delayed, waiting-children, failed), every 10 s.',
    labelNames: ['queue', 'state'],
    registers: [register],
  });
  private readonly oldestJobAge = new Gauge({
    name: 'queue_oldest_job_age_seconds',
    help: 'Seconds since the oldest job waiting to be processed was added or became due (0: none waiting), by queue.',
    labelNames: ['queue'],
    registers: [register],
  });
  private readonly outboxAge = new Gauge({
    name: 'outbox_oldest_unrelayed_age_seconds',
    help: 'Seconds since the oldest event not yet relayed from the outbox to the queue was created (0: none).',
    registers: [register],
  });
  private readonly refresher = new BackgroundRefresh('backlog', () => this.refresh());
  private readonly queues: Queue[];

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.domainEvents) domainEvents: Queue,
    @InjectQueue(QUEUES.scheduledTasks) scheduledTasks: Queue,
  ) {
    this.queues = [domainEvents, scheduledTasks];
  }

  onApplicationBootstrap() {
    this.refresher.start();
  }

  onModuleDestroy() {
    this.refresher.stop();
  }

  private async refresh(): Promise<void> {
    // Everything is read first and set together, so that a failure leaves the last complete picture.
    const queues = await Promise.all(
      this.queues.map(async (queue) => ({
        name: queue.name,
        counts: await queue.getJobCounts(...STATES),
        oldestAge: await oldestWaitingAge(queue),
      })),
    );
    const outboxAge = await Outbox.oldestUnrelayedAgeSeconds(this.dataSource.manager);
    for (const { name, counts, oldestAge } of queues) {
      for (const state of STATES) this.jobs.set({ queue: name, state }, counts[state] ?? 0);
      this.oldestJobAge.set({ queue: name }, oldestAge);
    }
    this.outboxAge.set(outboxAge);
  }
}

/** Seconds since the oldest waiting (or prioritized) job became due: added, plus its delay if it had one. */
async function oldestWaitingAge(queue: Queue): Promise<number> {
  const oldest = await Promise.all((['waiting', 'prioritized'] as const).map((state) => queue.getJobs([state], 0, 0, true)));
  const dueTimes = oldest.flat().map((job) => job.timestamp + (job.delay ?? 0));
  return dueTimes.length === 0 ? 0 : Math.max(0, (Date.now() - Math.min(...dueTimes)) / 1000);
}
