import { AppConfig, APP_CONFIG, QUEUES, ScheduledTasks } from '@billing/core';
import { Clock } from '@billing/kernel';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { SCHEDULED_TASKS, ScheduledTask } from './scheduled-task';

/**
 * Turns the billing clock into jobs. Each tick claims the tasks due by the clock (FOR UPDATE SKIP LOCKED,
 * so one scheduler of many enqueues each), enqueues them with jobId = name + due instant (a re-enqueue
 * after a crash is ignored), sets their next run, and records how far the clock has been processed — all
 * in one transaction. The test clock's POST waits for that mark and for the queues to drain.
 */
@Injectable()
export class ClockTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ClockTicker');
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @InjectQueue(QUEUES.scheduledTasks) private readonly queue: Queue,
    @Inject(SCHEDULED_TASKS) private readonly tasks: ScheduledTask[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    await this.clock.refresh();
    const names = this.tasks.map((task) => task.name);
    await ScheduledTasks.register(this.dataSource.manager, names, this.clock.now());
    const intervalMs = this.config.clockMode === 'test' ? 100 : 1000;
    this.timer = setInterval(() => {
      this.ticking ??= this.tick()
        .catch((error: Error) => this.logger.error(`tick failed: ${error.message}`))
        .finally(() => (this.ticking = undefined));
    }, intervalMs);
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.ticking;
  }

  async tick(): Promise<void> {
    await this.clock.refresh();
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const due = await ScheduledTasks.claimDue(manager, now);
      for (const row of due) {
        const task = this.tasks.find((candidate) => candidate.name === row.name);
        if (!task) continue;
        await this.queue.add(task.name, { dueAt: row.next_run_at.toISOString() }, { jobId: `${task.name}-${row.next_run_at.getTime()}` });
        await ScheduledTasks.scheduleNext(manager, task.name, new Date(now.getTime() + task.everyMs));
      }
      await ScheduledTasks.markProcessed(manager, now);
    });
  }
}
