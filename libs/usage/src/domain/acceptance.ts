/**
 * Which events a batch may contain, besides their shape: rules on the event's time and on the subscription
 * it goes to. Pure: the handler loads the subscriptions, then asks these functions about each event.
 *
 * Time (the documents leave it open; this follows Stripe's meter events): an event's `timestamp` is accepted
 * from {@link ACCEPTANCE_WINDOW}.pastDays before the billing clock up to {@link ACCEPTANCE_WINDOW}.futureMinutes
 * after it (clock skew between the client and us). Later timestamps would count in periods that have not
 * begun; older ones belong to periods long invoiced, whose late-usage corrections have to end somewhere. The
 * window also bounds how long event ids must be remembered for deduplication, and how long an invoiced
 * period can still change.
 *
 * Subscription: the event's `timestamp` must fall within the subscription's life (from its creation, and
 * before `ended_at` once canceled), and the subscription's plan must charge the event's metric (an event
 * nothing would ever bill is a client error worth reporting). With `account_id`, the event goes to the one
 * subscription of the account that charges the metric and was alive at `timestamp`; none or several is a
 * 422 for that event (with several, send `subscription_id`).
 */
export const ACCEPTANCE_WINDOW = { pastDays: 35, futureMinutes: 5 } as const;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The oldest instant an event may be timestamped at, for a billing clock at `now`. */
export function oldestAcceptedTimestamp(now: Date): Date {
  return new Date(now.getTime() - ACCEPTANCE_WINDOW.pastDays * DAY_MS);
}

/** Why an event's timestamp is refused at `now`, or null. */
export function timestampProblem(timestamp: Date, now: Date): string | null {
  if (timestamp.getTime() > now.getTime() + ACCEPTANCE_WINDOW.futureMinutes * MINUTE_MS) {
    return `is more than ${ACCEPTANCE_WINDOW.futureMinutes} minutes after the billing clock (${now.toISOString()})`;
  }
  if (timestamp.getTime() < oldestAcceptedTimestamp(now).getTime()) {
    return `is more than ${ACCEPTANCE_WINDOW.pastDays} days before the billing clock (${now.toISOString()}): usage that old is no longer accepted`;
  }
  return null;
}

/** A subscription as ingestion needs to know it. */
export interface UsageTarget {
  id: string;
  accountId: string;
  createdAt: Date;
  endedAt: Date | null;
  /** The metric codes (among those of the batch) that the subscription's plan charges. */
  chargedMetrics: ReadonlySet<string>;
}

export interface EventAddress {
  subscriptionId?: string;
  accountId?: string;
  metricCode: string;
  timestamp: Date;
}

export type Resolution = { ok: true; subscriptionId: string } | { ok: false; field: string; message: string };

function alive(target: UsageTarget, at: Date): boolean {
  return target.createdAt.getTime() <= at.getTime() && (target.endedAt === null || at.getTime() < target.endedAt.getTime());
}

/** The subscription an event goes to, or why it has none. */
export function resolveTarget(
  event: EventAddress,
  byId: ReadonlyMap<string, UsageTarget>,
  byAccount: ReadonlyMap<string, readonly UsageTarget[]>,
): Resolution {
  if (event.subscriptionId !== undefined) {
    const target = byId.get(event.subscriptionId);
    if (!target) return { ok: false, field: 'subscription_id', message: `no subscription "${event.subscriptionId}"` };
    if (!target.chargedMetrics.has(event.metricCode)) {
      return {
        ok: false,
        field: 'metric_code',
        message: `the plan of subscription ${target.id} does not charge metric ${event.metricCode}`,
      };
    }
    if (event.timestamp.getTime() < target.createdAt.getTime()) {
      return {
        ok: false,
        field: 'timestamp',
        message: `is before subscription ${target.id} was created (${target.createdAt.toISOString()})`,
      };
    }
    if (target.endedAt !== null && event.timestamp.getTime() >= target.endedAt.getTime()) {
      return { ok: false, field: 'timestamp', message: `is not before subscription ${target.id} ended (${target.endedAt.toISOString()})` };
    }
    return { ok: true, subscriptionId: target.id };
  }
  const accountId = event.accountId as string;
  const candidates = (byAccount.get(accountId) ?? []).filter(
    (target) => target.chargedMetrics.has(event.metricCode) && alive(target, event.timestamp),
  );
  if (candidates.length === 1) return { ok: true, subscriptionId: candidates[0].id };
  if (candidates.length === 0) {
    return {
      ok: false,
      field: 'account_id',
      message: `account "${accountId}" has no subscription charging metric ${event.metricCode} at ${event.timestamp.toISOString()}`,
    };
  }
  return {
    ok: false,
    field: 'account_id',
    message: `account ${accountId} has ${candidates.length} subscriptions charging metric ${event.metricCode} (${candidates
      .map((target) => target.id)
      .sort()
      .join(', ')}): send subscription_id instead`,
  };
}
