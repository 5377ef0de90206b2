import { EntityManager } from 'typeorm';

/** The statuses payments_attempted_total reports, each present (0 when none). */
export const ATTEMPT_STATUSES = ['succeeded', 'failed', 'pending', 'unknown'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/**
 * Charge attempts at the payment provider (Stripe or the sandbox) by their status now, for the api's
 * `payments_attempted_total{status}`: one row per attempt, whichever process made it (api `/pay` or the
 * scheduler's saga). Payments recorded out of band (`provider: manual`) were never attempted and are not counted.
 */
export async function paymentAttemptCounts(manager: EntityManager): Promise<Record<AttemptStatus, number>> {
  const rows: { status: AttemptStatus; count: string }[] = await manager.query(
    `SELECT status, count(*) AS count FROM payments WHERE provider <> 'manual' GROUP BY status`,
  );
  const counts = Object.fromEntries(ATTEMPT_STATUSES.map((status) => [status, 0])) as Record<AttemptStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
