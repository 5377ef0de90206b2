import { EntityManager } from 'typeorm';
import type { DunningAction, DunningPolicy } from '../domain/dunning-policy';

interface PolicyRow {
  retry_schedule_days: number[];
  steps: { after_days: number; action: DunningAction }[];
  updated_at: Date;
}

/** The one policy row (migrated with the default), read at each evaluation so that a change applies to every open case. */
export const DunningPolicies = {
  async get(manager: EntityManager): Promise<DunningPolicy & { updatedAt: Date }> {
    const [row]: PolicyRow[] = await manager.query('SELECT retry_schedule_days, steps, updated_at FROM dunning_policy WHERE id = 1');
    return {
      retryScheduleDays: row.retry_schedule_days,
      steps: row.steps.map((step) => ({ afterDays: step.after_days, action: step.action })),
      updatedAt: row.updated_at,
    };
  },

  async put(manager: EntityManager, policy: DunningPolicy, now: Date): Promise<void> {
    await manager.query('UPDATE dunning_policy SET retry_schedule_days = $1, steps = $2, updated_at = $3 WHERE id = 1', [
      policy.retryScheduleDays,
      JSON.stringify(policy.steps.map((step) => ({ after_days: step.afterDays, action: step.action }))),
      now,
    ]);
  },
};
