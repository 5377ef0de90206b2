import { EntityManager } from 'typeorm';
import type { BillingEventType } from '../domain/billing-event';

/** A billing event as invoicing reads it (the subscriptions lib records them; see BillingEvent). */
export interface UnbilledEvent {
  id: string;
  subscriptionId: string;
  accountId: string;
  type: BillingEventType;
  effectiveAt: Date;
  periodStart: Date;
  periodEnd: Date;
  planId: string;
  planCode: string;
  quantity: number;
  unitAmount: number;
  currency: string;
  amount: number | null;
}

interface EventRow {
  id: string;
  subscription_id: string;
  account_id: string;
  type: BillingEventType;
  effective_at: Date;
  period_start: Date;
  period_end: Date;
  plan_id: string;
  plan_code: string;
  quantity: number;
  unit_amount: string;
  currency: string;
  amount: string | null;
}

const COLUMNS = `id, subscription_id, account_id, type, effective_at, period_start, period_end, plan_id, plan_code, quantity,
  unit_amount, currency, amount`;

const toEvent = (row: EventRow): UnbilledEvent => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  accountId: row.account_id,
  type: row.type,
  effectiveAt: row.effective_at,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  planId: row.plan_id,
  planCode: row.plan_code,
  quantity: row.quantity,
  unitAmount: Number(row.unit_amount),
  currency: row.currency,
  amount: row.amount === null ? null : Number(row.amount),
});

/** Every billing event of a subscription, billed or not, in the order they took effect (for the API's list). */
export async function billingEventsOf(manager: EntityManager, subscriptionId: string): Promise<UnbilledEvent[]> {
  const rows: EventRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM billing_events WHERE subscription_id = $1 ORDER BY effective_at, id`,
    [subscriptionId],
  );
  return rows.map(toEvent);
}

export interface UnbilledClaim {
  now: Date;
  limit: number;
  /** Only these subscriptions (an event-driven run); all due ones when null. */
  only: readonly string[] | null;
  /** Left out (failing ones, retried on their own). */
  except: readonly string[];
  /** The advisory-lock space the caller's runs share: a subscription is billed by one run at a time. */
  lockSpace: number;
}

/**
 * The billing events invoicing consumes, each exactly once: claimed per subscription, taken, and marked
 * billed with their invoice in the caller's transaction (the subscriptions lib's internal API for invoicing).
 */
export const UnbilledEvents = {
  /**
   * Up to `limit` subscriptions with events due by `now`, each try-locked for the caller's transaction with
   * an advisory lock of its own space, not a row lock, so that a bill run never makes a renewal (which locks
   * subscription rows) skip a subscription; answers their ids. The limit applies to the subscriptions locked,
   * not to those looked at, so concurrent runs share the work instead of claiming the same few hundred.
   */
  async claim(manager: EntityManager, claim: UnbilledClaim): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT subscription_id AS id FROM (
         SELECT DISTINCT subscription_id FROM billing_events
          WHERE billed_at IS NULL AND effective_at <= $1 AND ($3::text[] IS NULL OR subscription_id = ANY($3))
            AND subscription_id <> ALL($5::text[])
       ) due
       WHERE pg_try_advisory_xact_lock($4, hashtext(subscription_id))
       LIMIT $2`,
      [claim.now, claim.limit, claim.only, claim.lockSpace, claim.except],
    );
    return rows.map((row) => row.id);
  },

  /** The accounts of these subscriptions' events due by `now` (to lock them before billing them). */
  async accountsOf(manager: EntityManager, subscriptionIds: readonly string[], now: Date): Promise<string[]> {
    const rows: { account_id: string }[] = await manager.query(
      `SELECT DISTINCT account_id FROM billing_events WHERE subscription_id = ANY($1) AND billed_at IS NULL AND effective_at <= $2`,
      [subscriptionIds, now],
    );
    return rows.map((row) => row.account_id);
  },

  /** The subscriptions' events due by `now`, at most `maxInstants` distinct instants each, oldest first. */
  async take(manager: EntityManager, subscriptionIds: readonly string[], now: Date, maxInstants: number): Promise<UnbilledEvent[]> {
    const rows: EventRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM (
         SELECT *, dense_rank() OVER (PARTITION BY subscription_id ORDER BY effective_at) AS instant
           FROM billing_events WHERE subscription_id = ANY($1) AND billed_at IS NULL AND effective_at <= $2
       ) due WHERE instant <= $3 ORDER BY effective_at, id`,
      [subscriptionIds, now, maxInstants],
    );
    return rows.map(toEvent);
  },

  /** Every unbilled event of the account (for a preview), oldest first. */
  async ofAccount(manager: EntityManager, accountId: string): Promise<UnbilledEvent[]> {
    const rows: EventRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM billing_events WHERE account_id = $1 AND billed_at IS NULL ORDER BY effective_at, id`,
      [accountId],
    );
    return rows.map(toEvent);
  },

  /**
   * Marks the events billed (with their invoice, or none for those that billed nothing). Exactly once: each is
   * marked only while unbilled, and the whole write fails if one was billed already.
   */
  async markBilled(manager: EntityManager, billed: readonly { eventId: string; invoiceId: string | null }[], now: Date): Promise<void> {
    const [, marked]: [unknown[], number] = await manager.query(
      `UPDATE billing_events SET billed_at = $1, invoice_id = billed.invoice_id
         FROM unnest($2::text[], $3::text[]) AS billed (id, invoice_id) WHERE billing_events.id = billed.id AND billed_at IS NULL`,
      [now, billed.map((row) => row.eventId), billed.map((row) => row.invoiceId)],
    );
    if (marked !== billed.length) throw new Error(`${billed.length - marked} of ${billed.length} billing events were already billed`);
  },
};
