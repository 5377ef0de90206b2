import { DataSource, EntityManager } from 'typeorm';

/**
 * Exactly-once effects over at-least-once delivery: the consumer's mark and its effect commit together, so
 * a redelivered event finds the mark and does nothing.
 */
export async function handleOnce(
  dataSource: DataSource,
  consumer: string,
  eventId: string,
  effect: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const marked: unknown[] = await manager.query(
      `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, eventId],
    );
    if (marked.length === 0) return false;
    await effect(manager);
    return true;
  });
}
