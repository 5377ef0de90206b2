import { ID_PREFIX, newId } from '../ids/ids';
import { EventData, EventType } from './event-types';

/**
 * A state change, stored in the same transaction as the change (the outbox) and kept as the event log
 * behind GET /v1/events. `data` is the resource as the API shows it after the change.
 */
export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  resourceType: string;
  resourceId: string;
  data: EventData<T>;
  createdAt: Date;
  /**
   * The trace (W3C `traceparent`) of the change that raised the event, as the outbox stored it: set on events
   * read back from the outbox when tracing was on, so that their effects (a webhook delivery) join that trace.
   */
  traceparent?: string;
}

/** An event of one type, as sagas and subscribers receive it: `EventOf<'invoice.finalized'>`. */
export type EventOf<T extends EventType> = DomainEvent<T>;

export function domainEvent<T extends EventType>(
  type: T,
  resourceType: string,
  resourceId: string,
  data: EventData<T>,
  createdAt: Date,
): DomainEvent<T> {
  return { id: newId(ID_PREFIX.event), type, resourceType, resourceId, data, createdAt };
}

/** An event an aggregate raised: its type, the aggregate's state when raised, and when. */
export interface RaisedEvent<S> {
  type: EventType;
  state: Readonly<S>;
  at: Date;
}

/**
 * What an aggregate raised since it was loaded, taken once by the command that saves it with the change.
 * The aggregate records its own state with each event; the command turns it into the resource as the API
 * shows it (a view lives with the queries, not in the aggregate) with {@link eventsOf}.
 */
export abstract class RaisesEvents<S> {
  private pendingEvents: RaisedEvent<S>[] = [];

  pullEvents(): RaisedEvent<S>[] {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    return events;
  }

  protected raiseEvent(type: EventType, state: S, at: Date): void {
    this.pendingEvents.push({ type, state: { ...state }, at });
  }
}

/** The domain events of what an aggregate raised, each carrying `toView` of the state it was raised in. */
export function eventsOf<S, V extends object>(
  resourceType: string,
  resourceId: string,
  raised: readonly RaisedEvent<S>[],
  toView: (state: Readonly<S>) => V,
): DomainEvent[] {
  return raised.map((event) => domainEvent(event.type, resourceType, resourceId, toView(event.state) as EventData<EventType>, event.at));
}
