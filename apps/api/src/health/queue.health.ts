import { QUEUES } from '@billing/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';

/** The job queue answers (Redis or BullMQ's PostgreSQL backend) within two seconds. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      await Promise.race([
        this.queue.getJobCounts('waiting'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref()),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
