import { newId, ID_PREFIX } from '../ids/ids';

/**
 * A state change, stored in the same transaction as the change (the outbox) and kept as the event log
 * behind GET /v1/events. `data` is the resource as the API shows it after the change.
 */
export interface DomainEvent<T extends object = object> {
  id: string;
  type: string;
  resourceType: string;
  resourceId: string;
  data: T;
  createdAt: Date;
}

export function domainEvent<T extends object>(
  type: string,
  resourceType: string,
  resourceId: string,
  data: T,
  createdAt: Date,
): DomainEvent<T> {
  return { id: newId(ID_PREFIX.event), type, resourceType, resourceId, data, createdAt };
}

/** What an aggregate raised since it was loaded, taken once by the command that saves it with the change. */
export abstract class RaisesEvents {
  private pendingEvents: DomainEvent[] = [];

  pullEvents(): DomainEvent[] {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    return events;
  }

  protected raiseEvent(event: DomainEvent): void {
    this.pendingEvents.push(event);
  }
}
