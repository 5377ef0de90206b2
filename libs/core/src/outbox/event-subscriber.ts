import { EventOf, EventType } from '@billing/kernel';
import { EntityManager } from 'typeorm';

/**
 * What reacts to committed events in the scheduler: a lib's saga (`sagas/` folder) turning an event into
 * one command, a webhook fan-out, … `handle` runs in the transaction that records the event as processed by
 * this subscriber (the inbox), so its effect happens once: whatever it writes goes through `manager`.
 * Subscribers are awaited by the consumer, not published on the cqrs EventBus, whose handlers run detached:
 * their failure could not fail (and so retry) the job.
 */
export interface EventSubscriber<T extends EventType = EventType> {
  /** Stable: it keys the inbox (processed_events.consumer). */
  readonly name: string;
  readonly types: readonly T[];
  handle(event: EventOf<T>, manager: EntityManager): Promise<void>;
}

export const EVENT_SUBSCRIBERS = Symbol('EVENT_SUBSCRIBERS');
