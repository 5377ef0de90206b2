import { EntityManager } from 'typeorm';

/**
 * The clock-driven tasks' schedule (the core's own tables): each task's next run by the billing clock, and
 * how far the clock has been processed (what the test clock waits for).
 */
export const ScheduledTasks = {
  /** Registers the tasks (a new one is due at once); existing ones keep their schedule. */
  async register(manager: EntityManager, names: readonly string[], now: Date): Promise<void> {
    await manager.query(`INSERT INTO scheduled_tasks (name, next_run_at) SELECT unnest($1::text[]), $2 ON CONFLICT (name) DO NOTHING`, [
      names,
      now,
    ]);
  },

  /** The tasks due by `now`, row-locked (SKIP LOCKED: one scheduler of many enqueues each). */
  async claimDue(manager: EntityManager, now: Date): Promise<{ name: string; next_run_at: Date }[]> {
    return manager.query(`SELECT name, next_run_at FROM scheduled_tasks WHERE next_run_at <= $1 ORDER BY name FOR UPDATE SKIP LOCKED`, [
      now,
    ]);
  },

  async scheduleNext(manager: EntityManager, name: string, at: Date): Promise<void> {
    await manager.query(`UPDATE scheduled_tasks SET next_run_at = $2 WHERE name = $1`, [name, at]);
  },

  /** Records that every task due by `instant` has been enqueued (never moving the mark back). */
  async markProcessed(manager: EntityManager, instant: Date): Promise<void> {
    await manager.query(
      `INSERT INTO scheduler_progress (id, processed_until) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET processed_until = greatest(scheduler_progress.processed_until, EXCLUDED.processed_until)`,
      [instant],
    );
  },

  async processedBy(manager: EntityManager, instant: Date): Promise<boolean> {
    const [row]: { ticked: boolean }[] = await manager.query(
      `SELECT coalesce((SELECT processed_until >= $1 FROM scheduler_progress WHERE id = 1), false) AS ticked`,
      [instant],
    );
    return row.ticked;
  },
};
