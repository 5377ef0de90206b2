import { QUEUES, WorkFailures } from '@billing/core';
import { Clock } from '@billing/kernel';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ReportedWorker } from '../reported-worker';
import { SCHEDULED_TASKS, ScheduledTask } from './scheduled-task';

// A task's lock is renewed while it runs; a scheduler that dies has its task taken over after ten seconds.
@Processor(QUEUES.scheduledTasks, { concurrency: 2, lockDuration: 10_000, stalledInterval: 5_000 })
export class ScheduledTasksProcessor extends ReportedWorker {
  constructor(
    private readonly clock: Clock,
    @Inject(SCHEDULED_TASKS) private readonly tasks: ScheduledTask[],
    dataSource: DataSource,
    failures: WorkFailures,
  ) {
    super(QUEUES.scheduledTasks, dataSource, failures);
  }

  async process(job: Job): Promise<void> {
    const task = this.tasks.find((candidate) => candidate.name === job.name);
    if (!task) throw new Error(`No scheduled task named ${job.name}`);
    await this.clock.refresh();
    await task.run(this.clock.now());
  }
}
