import { EventOf, EventType } from '@billing/kernel';
import { EntityManager } from 'typeorm';

/**
 * What reacts to committed events in the scheduler: a lib's saga (`sagas/` folder) turning events into a
 * command, a webhook fan-out, … Events arrive in batches (one queue job carries up to a few hundred, in
 * outbox order), so that a subscriber does its work set-based: one command for many subscriptions, one
 * insert for many deliveries.
 *
 * `handle` runs in the transaction that records the batch as processed by this subscriber (the inbox, one
 * insert per batch), so its effect happens once: whatever it writes goes through `manager`, and it is
 * handed only the events of the batch it has not processed before. If it throws, the batch is retried event
 * by event, so one event that cannot be handled does not hold back the others.
 *
 * Subscribers are awaited by the consumer, not published on the cqrs EventBus, whose handlers run detached:
 * their failure could not fail (and so retry) the job.
 */
export interface EventSubscriber<T extends EventType = EventType> {
  /** Stable: it keys the inbox (processed_events.consumer). */
  readonly name: string;
  readonly types: readonly T[];
  handle(events: readonly EventOf<T>[], manager: EntityManager): Promise<void>;
}

export const EVENT_SUBSCRIBERS = Symbol('EVENT_SUBSCRIBERS');
