import { DomainEvent } from '@billing/kernel';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Exactly-once effects over at-least-once delivery: the consumer's marks and its effect commit together, so
 * a redelivered event finds its mark and is left out. One insert marks the whole batch; the effect is
 * handed the events that were not marked before (none: no effect, no call). Answers those events.
 */
export async function handleOnce<E extends DomainEvent>(
  dataSource: DataSource,
  consumer: string,
  events: readonly E[],
  effect: (fresh: readonly E[], manager: EntityManager) => Promise<void>,
): Promise<E[]> {
  return dataSource.transaction(async (manager) => {
    // Sorted, so that two consumers marking overlapping batches take the index entries in the same order.
    const ids = events.map((event) => event.id).sort();
    const marked: { event_id: string }[] = await manager.query(
      `INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, ids],
    );
    const markedIds = new Set(marked.map((row) => row.event_id));
    const fresh = events.filter((event) => markedIds.has(event.id));
    if (fresh.length > 0) await effect(fresh, manager);
    return fresh;
  });
}
