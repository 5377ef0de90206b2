import { EVENT_SUBSCRIBERS, EventSubscriber, handleOnce, Outbox, QUEUES, WorkFailures } from '@billing/core';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ReportedWorker } from '../reported-worker';

/**
 * Consumes relayed events: every interested subscriber runs once per event (the inbox), then the event is
 * marked delivered. A failing subscriber fails the job, which BullMQ retries; the ones that already
 * succeeded are skipped on the retry.
 *
 * Subscribers are awaited here rather than published on the cqrs EventBus, whose handlers run detached from
 * the caller: a failure there could not fail the job, and an event would be lost.
 */
// Jobs are short: a scheduler that dies mid-job has its jobs taken over after ten seconds, not BullMQ's default 30.
@Processor(QUEUES.domainEvents, { concurrency: 8, lockDuration: 10_000, stalledInterval: 5_000 })
export class DomainEventsProcessor extends ReportedWorker {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SUBSCRIBERS) private readonly subscribers: EventSubscriber[],
    failures: WorkFailures,
  ) {
    super(QUEUES.domainEvents, dataSource, failures);
  }

  async process(job: Job<{ eventId: string }>): Promise<void> {
    const event = await Outbox.find(this.dataSource.manager, job.data.eventId);
    if (!event) return;
    for (const subscriber of this.subscribers.filter((candidate) => (candidate.types as readonly string[]).includes(event.type))) {
      await handleOnce(this.dataSource, subscriber.name, event.id, (manager) => subscriber.handle(event, manager));
    }
    await Outbox.markDelivered(this.dataSource.manager, [event.id]);
  }
}
