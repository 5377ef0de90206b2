import { DomainEvent } from '@billing/kernel';
import { EntityManager } from 'typeorm';

/**
 * Something the scheduler does when an event happens (deliver webhooks, start a payment, …). `handle` runs
 * in the transaction that records the event as processed by this subscriber, so its effect happens once.
 */
export interface EventSubscriber {
  readonly name: string;
  handles(type: string): boolean;
  handle(event: DomainEvent, manager: EntityManager): Promise<void>;
}

export const EVENT_SUBSCRIBERS = Symbol('EVENT_SUBSCRIBERS');
