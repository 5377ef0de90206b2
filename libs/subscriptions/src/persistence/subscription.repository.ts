import { NotFound } from '@billing/core';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { BillingEvent } from '../domain/billing-event';
import { Subscription } from '../domain/subscription';
import { SubscriptionEntity } from './subscription.entity';
import { toSubscriptionProps, toSubscriptionRow } from './subscription.mapper';

/** A period boundary or a trial warning due by $1. */
const DUE = `((status IN ('trialing', 'active', 'past_due') AND current_period_end <= $1)
   OR (status = 'trialing' AND NOT trial_will_end_notified AND trial_end <= $1::timestamptz + interval '3 days'))`;

/** Loads and saves Subscription aggregates and appends their billing events, in the caller's transaction. */
@Injectable()
export class SubscriptionRepository {
  /** Without a lock: for reads that simulate (previews) and change nothing. */
  async find(manager: EntityManager, id: string): Promise<Subscription | null> {
    const entity = await manager.findOneBy(SubscriptionEntity, { id });
    return entity ? Subscription.restore(toSubscriptionProps(entity)) : null;
  }

  async findBilling(manager: EntityManager, accountId: string): Promise<Subscription[]> {
    const entities = await manager.findBy(SubscriptionEntity, { accountId, status: In(['trialing', 'active', 'past_due']) });
    return entities.map((entity) => Subscription.restore(toSubscriptionProps(entity)));
  }

  async getForUpdate(manager: EntityManager, id: string): Promise<Subscription> {
    const entity = await manager.findOne(SubscriptionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!entity) throw new NotFound('subscription', id);
    return Subscription.restore(toSubscriptionProps(entity));
  }

  /**
   * Claims up to `limit` subscriptions with a period boundary or a trial warning due by `now`, skipping
   * rows another scheduler holds, so that several schedulers share a renewal run without waiting.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<Subscription[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM subscriptions WHERE ${DUE} ORDER BY current_period_end LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    if (rows.length === 0) return [];
    const entities = await manager.findBy(SubscriptionEntity, { id: In(rows.map((row) => row.id)) });
    return entities.map((entity) => Subscription.restore(toSubscriptionProps(entity)));
  }

  async countDue(manager: EntityManager, now: Date): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS due FROM subscriptions WHERE ${DUE}`, [now]);
    return row.due;
  }

  async insert(manager: EntityManager, subscription: Subscription): Promise<void> {
    await manager.insert(SubscriptionEntity, { ...toSubscriptionRow(subscription.snapshot()), version: 1 });
  }

  async save(manager: EntityManager, subscription: Subscription): Promise<void> {
    const { id, ...changes } = toSubscriptionRow(subscription.snapshot());
    await manager.update(SubscriptionEntity, { id }, changes);
  }

  /** One multi-row insert for all the billing events of a transaction. */
  async appendBillingEvents(manager: EntityManager, events: BillingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const columns = [
      'id', 'subscription_id', 'account_id', 'type', 'effective_at', 'period_start', 'period_end',
      'plan_id', 'plan_code', 'quantity', 'unit_amount', 'currency', 'amount', 'created_at',
    ];
    const params: unknown[] = [];
    const rows = events.map((event) => {
      params.push(
        event.id, event.subscriptionId, event.accountId, event.type, event.effectiveAt, event.periodStart, event.periodEnd,
        event.planId, event.planCode, event.quantity, event.unitAmount, event.currency, event.amount, event.createdAt,
      );
      const first = params.length - columns.length + 1;
      return `(${columns.map((_, i) => `$${first + i}`).join(', ')})`;
    });
    await manager.query(`INSERT INTO billing_events (${columns.join(', ')}) VALUES ${rows.join(', ')}`, params);
  }
}
