import { EVENT_SUBSCRIBERS, EventBatch, EventSubscriber, handleOnce, Outbox, QUEUES, WorkFailures } from '@billing/core';
import { DomainEvent } from '@billing/kernel';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ReportedWorker } from '../reported-worker';

interface FailedEvent {
  event: DomainEvent;
  subscriber: string;
  error: unknown;
}

/**
 * Consumes relayed batches of events: each subscriber gets the events of the batch it is interested in, in
 * one inbox transaction (exactly once per subscriber and event), then the events are marked delivered. When
 * a subscriber fails on a batch, its events are retried one by one, so the others take effect and only the
 * events that fail stay undelivered; the job then fails naming them, and BullMQ retries it: what already
 * took effect is skipped by the inbox.
 *
 * Subscribers are awaited here rather than published on the cqrs EventBus, whose handlers run detached from
 * the caller: a failure there could not fail the job, and an event would be lost.
 */
// A scheduler that dies mid-job has its jobs taken over after ten seconds, not BullMQ's default 30 (the lock
// is renewed while a job runs, so a long batch keeps it).
@Processor(QUEUES.domainEvents, { concurrency: 4, lockDuration: 10_000, stalledInterval: 5_000 })
export class DomainEventsProcessor extends ReportedWorker {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SUBSCRIBERS) private readonly subscribers: EventSubscriber[],
    failures: WorkFailures,
  ) {
    super(QUEUES.domainEvents, dataSource, failures);
  }

  async process(job: Job<EventBatch>): Promise<void> {
    const events = await Outbox.findMany(this.dataSource.manager, job.data.eventIds);
    const failed: FailedEvent[] = [];
    for (const subscriber of this.subscribers) {
      const interested = events.filter((event) => (subscriber.types as readonly string[]).includes(event.type));
      if (interested.length > 0) failed.push(...(await this.deliver(subscriber, interested)));
    }
    const undelivered = new Set(failed.map(({ event }) => event.id));
    await Outbox.markDelivered(
      this.dataSource.manager,
      events.filter((event) => !undelivered.has(event.id)).map((event) => event.id),
    );
    if (failed.length > 0) {
      const { event, subscriber, error } = failed[0];
      throw new Error(
        `${undelivered.size} of ${events.length} events not handled; first: ${event.type} ${event.id} by ${subscriber}: ` +
          `${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  /** The batch at once; if that fails, event by event, answering the events that still fail. */
  private async deliver(subscriber: EventSubscriber, events: DomainEvent[]): Promise<FailedEvent[]> {
    try {
      await handleOnce(this.dataSource, subscriber.name, events, (fresh, manager) => subscriber.handle(fresh, manager));
      return [];
    } catch (error) {
      if (events.length === 1) return [{ event: events[0], subscriber: subscriber.name, error }];
    }
    const failed: FailedEvent[] = [];
    for (const event of events) {
      try {
        await handleOnce(this.dataSource, subscriber.name, [event], (fresh, manager) => subscriber.handle(fresh, manager));
      } catch (error) {
        failed.push({ event, subscriber: subscriber.name, error });
      }
    }
    return failed;
  }
}
