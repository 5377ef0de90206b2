import { EntityManager } from 'typeorm';
import { BillingEventType } from '../domain/billing-event';

/**
 * Which plan rates a subscription's usage, and over which stretch: a window opens where a plan comes into
 * force (a period starts, or an immediate plan change) and closes at the next of these, at a pause or a
 * cancel, or at the end of its fee period. Usage is billed in arrears on the invoice of the instant that
 * closes its window, so a plan change closes the old plan's window on the change invoice (as Lago and Kill
 * Bill do) and events are rated by the plan in force at their timestamp. Read from the billing events, the
 * subscription's own record of these facts; the bill run, the preview and the current usage all ask here.
 */
export interface UsageWindowOf {
  subscriptionId: string;
  planId: string;
  currency: string;
  from: Date;
  to: Date;
}

const OPENS: BillingEventType[] = ['period_started', 'plan_changed'];
/** Every event that ends a window; those in OPENS also open the next one. */
export const USAGE_WINDOW_BOUNDARIES: BillingEventType[] = [...OPENS, 'paused', 'canceled'];

interface WindowRow {
  subscription_id: string;
  at: Date;
  type: BillingEventType;
  period_start: Date;
  period_end: Date;
  plan_id: string;
  currency: string;
}

/**
 * The window each closing instant ends, one query for all of them: the last boundary before the instant
 * opened it (none when that boundary was a pause or a cancel, or before the first period, as in a trial).
 */
export async function usageWindowsClosedAt(
  manager: EntityManager,
  closings: readonly { subscriptionId: string; at: Date }[],
): Promise<(UsageWindowOf & { closedAt: Date })[]> {
  if (closings.length === 0) return [];
  const rows: WindowRow[] = await manager.query(
    `SELECT w.subscription_id, w.at, last.type, last.period_start, last.period_end, last.plan_id, last.currency
       FROM unnest($1::text[], $2::timestamptz[]) AS w (subscription_id, at)
       CROSS JOIN LATERAL (
         SELECT type, period_start, period_end, plan_id, currency FROM billing_events be
          WHERE be.subscription_id = w.subscription_id AND be.type = ANY($3) AND be.effective_at < w.at
          ORDER BY be.effective_at DESC, be.id DESC LIMIT 1
       ) last`,
    [closings.map((closing) => closing.subscriptionId), closings.map((closing) => closing.at), USAGE_WINDOW_BOUNDARIES],
  );
  return rows
    .filter((row) => OPENS.includes(row.type))
    .map((row) => ({
      subscriptionId: row.subscription_id,
      planId: row.plan_id,
      currency: row.currency,
      from: row.period_start,
      to: row.period_end < row.at ? row.period_end : row.at,
      closedAt: row.at,
    }));
}

/**
 * The window in force at `at` (or the last one, for a paused or ended subscription): from the last event
 * that opened one up to the next boundary or its period's end. Null before the first period (a trial).
 */
export async function currentUsageWindow(manager: EntityManager, subscriptionId: string, at: Date): Promise<UsageWindowOf | null> {
  const [row]: { plan_id: string; currency: string; period_start: Date; until: Date }[] = await manager.query(
    `SELECT o.plan_id, o.currency, o.period_start,
            least(o.period_end, (SELECT min(n.effective_at) FROM billing_events n
                                  WHERE n.subscription_id = o.subscription_id AND n.type = ANY($3)
                                    AND (n.effective_at, n.id) > (o.effective_at, o.id))) AS until
       FROM billing_events o
      WHERE o.subscription_id = $1 AND o.type = ANY($2) AND o.effective_at <= $4
      ORDER BY o.effective_at DESC, o.id DESC LIMIT 1`,
    [subscriptionId, OPENS, USAGE_WINDOW_BOUNDARIES, at],
  );
  return row ? { subscriptionId, planId: row.plan_id, currency: row.currency, from: row.period_start, to: row.until } : null;
}
