import { EntityManager } from 'typeorm';

/** A subscription usage events may be sent to: its plan (which charges metrics) and its life. */
export interface UsageTarget {
  id: string;
  accountId: string;
  planId: string;
  createdAt: Date;
  endedAt: Date | null;
}

/** What the usage lib needs of subscriptions, read set-based in the caller's transaction. */
export const UsageTargets = {
  /** The subscriptions of `subscriptionIds`, and every subscription of `accountIds`. */
  async find(manager: EntityManager, subscriptionIds: readonly string[], accountIds: readonly string[]): Promise<UsageTarget[]> {
    const rows: { id: string; account_id: string; plan_id: string; created_at: Date; ended_at: Date | null }[] = await manager.query(
      `SELECT id, account_id, plan_id, created_at, ended_at FROM subscriptions WHERE id = ANY($1::text[]) OR account_id = ANY($2::text[])`,
      [subscriptionIds, accountIds],
    );
    return rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      planId: row.plan_id,
      createdAt: row.created_at,
      endedAt: row.ended_at,
    }));
  },

  /** The subscription's state as its current usage reads it; null when there is none. */
  async state(manager: EntityManager, id: string) {
    const [row]: {
      id: string;
      status: string;
      plan_id: string;
      currency: string;
      current_period_start: Date;
      current_period_end: Date;
    }[] = await manager.query(
      `SELECT id, status, plan_id, currency, current_period_start, current_period_end FROM subscriptions WHERE id = $1`,
      [id],
    );
    return row
      ? {
          id: row.id,
          trialing: row.status === 'trialing',
          planId: row.plan_id,
          currency: row.currency,
          currentPeriodStart: row.current_period_start,
          currentPeriodEnd: row.current_period_end,
        }
      : null;
  },
};
