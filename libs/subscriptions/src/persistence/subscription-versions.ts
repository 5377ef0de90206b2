import { EntityManager } from 'typeorm';
import { monthlyRecurringRevenue } from '../domain/monthly-recurring-revenue';
import { Subscription } from '../domain/subscription';

/**
 * The history of subscriptions' billable state (plan, price per unit, quantity, interval, currency, status and
 * the MRR they make), as versions with validity ranges [valid_from, valid_to): the analytics read MRR at the end
 * of any day from it. Written in the transaction that saves the subscriptions, by one statement whatever their
 * number: a subscription whose billable state differs from its open version closes it and opens a new one at
 * the instant the state changed (`billableStateSince`), so a boundary crossed late by the scheduler still dates
 * from the boundary. A save that changes nothing billable (a renewal, a scheduled change) writes nothing.
 */
export async function recordSubscriptionVersions(manager: EntityManager, subscriptions: readonly Subscription[]): Promise<void> {
  if (subscriptions.length === 0) return;
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], [], []];
  for (const subscription of subscriptions) {
    const { id, accountId, currency, plan, quantity, status } = subscription.snapshot();
    const mrr = monthlyRecurringRevenue({
      unitAmount: plan.unitAmount,
      quantity,
      interval: plan.interval,
      intervalCount: plan.intervalCount,
      status,
    });
    const row = [
      id,
      accountId,
      currency,
      plan.id,
      plan.unitAmount,
      quantity,
      plan.interval,
      plan.intervalCount,
      status,
      mrr,
      subscription.billableStateSince(),
    ];
    row.forEach((value, index) => columns[index].push(value));
  }
  await manager.query(
    `WITH incoming AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::integer[], $7::text[], $8::integer[],
                            $9::text[], $10::bigint[], $11::timestamptz[])
         AS t (subscription_id, account_id, currency, plan_id, unit_amount, quantity, interval, interval_count, status, mrr, since)
     ),
     changed AS (
       SELECT i.*, greatest(i.since, open.valid_from) AS valid_from
         FROM incoming i
         LEFT JOIN subscription_versions open ON open.subscription_id = i.subscription_id AND open.valid_to IS NULL
        WHERE open.subscription_id IS NULL
           OR (open.plan_id, open.unit_amount, open.quantity, open.interval, open.interval_count, open.status, open.currency)
              IS DISTINCT FROM (i.plan_id, i.unit_amount, i.quantity, i.interval, i.interval_count, i.status, i.currency)
     ),
     closed AS (
       UPDATE subscription_versions v SET valid_to = changed.valid_from
         FROM changed WHERE v.subscription_id = changed.subscription_id AND v.valid_to IS NULL
     )
     INSERT INTO subscription_versions
       (subscription_id, account_id, currency, plan_id, unit_amount, quantity, interval, interval_count, status, mrr, valid_from)
     SELECT subscription_id, account_id, currency, plan_id, unit_amount, quantity, interval, interval_count, status, mrr, valid_from
       FROM changed`,
    columns,
  );
}

/** A subquery (`account_id, currency, mrr, paying_subscriptions`) of each account's MRR at the instant `$at`, for the analytics. */
export function accountMrrAt(at: string): string {
  return `(SELECT account_id, currency, sum(mrr)::bigint AS mrr, count(*) FILTER (WHERE mrr > 0)::int AS paying_subscriptions
             FROM subscription_versions
            WHERE valid_from < ${at} AND (valid_to IS NULL OR valid_to >= ${at})
            GROUP BY account_id, currency)`;
}

/**
 * A condition: the account `accountId` made MRR at the end of a day before the instant `at` (a version with MRR
 * in force at the end of the day it started). An account that subscribed and left within one day never did.
 */
export function accountMadeMrrBefore(accountId: string, at: string): string {
  return `EXISTS (SELECT 1 FROM subscription_versions earlier
                   WHERE earlier.account_id = ${accountId} AND earlier.mrr > 0 AND earlier.valid_from < ${at}
                     AND (earlier.valid_to IS NULL
                          OR earlier.valid_to >= date_trunc('day', earlier.valid_from, 'UTC') + interval '1 day'))`;
}

/** The UTC day (YYYY-MM-DD) the oldest version starts on: where the analytics' history begins (null: none yet). */
export async function firstSubscriptionDay(manager: EntityManager): Promise<string | null> {
  const [row] = await manager.query(`SELECT to_char(min(valid_from) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM subscription_versions`);
  return row.day;
}
