import { WorkFailures } from '@billing/core';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';

/**
 * A BullMQ worker whose failures are loud: every failed attempt is logged at `error` with its queue, job id
 * and cause, counted in `job_failures_total{queue}` and kept in `work_failures` until a later attempt of
 * the same job succeeds (so the test clock can name it).
 */
export abstract class ReportedWorker extends WorkerHost {
  constructor(
    private readonly queueName: string,
    private readonly reportingDataSource: DataSource,
    private readonly failures: WorkFailures,
  ) {
    super();
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    const subject = job ? `${job.name} ${job.id}` : 'unknown job';
    await this.failures.record(this.reportingDataSource.manager, `job:${this.queueName}`, subject, error).catch(() => undefined);
  }

  @OnWorkerEvent('completed')
  async onCompleted(job: Job): Promise<void> {
    // attemptsMade counts this success too: more than one means earlier attempts failed.
    if (job.attemptsMade <= 1) return;
    await this.failures
      .resolve(this.reportingDataSource.manager, `job:${this.queueName}`, [`${job.name} ${job.id}`])
      .catch(() => undefined);
  }
}
