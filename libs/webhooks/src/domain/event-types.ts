import type { FieldError } from '@billing/kernel';

/** The filter that takes every event type, those added later included. */
export const ALL_EVENT_TYPES = '*';

/**
 * Which event types an endpoint receives: `["*"]` or a list of known types. The known types are the caller's
 * (the events the platform raises), so that the filter is checked against what exists when it is saved.
 * Answers one FieldError per problem, naming the item (`event_types[2]`), for a 422; none when it is valid.
 */
export function eventTypeFilterErrors(eventTypes: readonly string[], knownTypes: readonly string[], field = 'event_types'): FieldError[] {
  if (eventTypes.length === 0) {
    return [{ field, message: `must list at least one event type, or be ["${ALL_EVENT_TYPES}"] for all of them` }];
  }
  const known = new Set(knownTypes);
  const errors: FieldError[] = [];
  eventTypes.forEach((type, index) => {
    const item = `${field}[${index}]`;
    if (type === ALL_EVENT_TYPES) {
      if (eventTypes.length > 1) errors.push({ field: item, message: `"${ALL_EVENT_TYPES}" already takes every type: it must be alone` });
    } else if (!known.has(type)) {
      errors.push({ field: item, message: `unknown event type "${type}"; the types are ${[...known].sort().join(', ')}` });
    } else if (eventTypes.indexOf(type) < index) {
      errors.push({ field: item, message: `"${type}" is listed twice` });
    }
  });
  return errors;
}

/** Whether an endpoint with this (valid) filter receives an event of `type`. */
export function acceptsEventType(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.includes(ALL_EVENT_TYPES) || eventTypes.includes(type);
}
