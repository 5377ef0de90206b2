import { appendToOutbox, bulkColumns, bulkInsert, bulkUpdate } from '@billing/core';
import { eventsOf, NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { BillingEvent } from '../domain/billing-event';
import { Subscription } from '../domain/subscription';
import { SubscriptionEntity } from './subscription.entity';
import { recordSubscriptionVersions } from './subscription-versions';
import { toSubscriptionView } from '../queries/subscription.view';
import { toSubscriptionProps, toSubscriptionRow } from './subscription.mapper';

/** A period boundary or a trial warning due by $1. */
const DUE = `((status IN ('trialing', 'active', 'past_due') AND current_period_end <= $1)
   OR (status = 'trialing' AND NOT trial_will_end_notified AND trial_end <= $1::timestamptz + interval '3 days'))`;

const BILLING_EVENT_COLUMNS = bulkColumns([
  ['id', 'text'],
  ['subscription_id', 'text'],
  ['account_id', 'text'],
  ['type', 'text'],
  ['effective_at', 'timestamptz'],
  ['period_start', 'timestamptz'],
  ['period_end', 'timestamptz'],
  ['plan_id', 'text'],
  ['plan_code', 'text'],
  ['quantity', 'integer'],
  ['unit_amount', 'bigint'],
  ['currency', 'text'],
  ['amount', 'bigint'],
  ['epoch', 'integer'],
  ['created_at', 'timestamptz'],
]);

/** Every column a subscription's state is kept in, the key first (for {@link SubscriptionRepository.saveMany}). */
const SUBSCRIPTION_COLUMNS = bulkColumns([
  ['id', 'text'],
  ['account_id', 'text'],
  ['plan_id', 'text'],
  ['plan_code', 'text'],
  ['plan', 'jsonb'],
  ['quantity', 'integer'],
  ['currency', 'text'],
  ['timezone', 'text'],
  ['bill_cycle_day', 'smallint'],
  ['status', 'text'],
  ['anchor', 'timestamptz'],
  ['anchor_day', 'smallint'],
  ['billing_epoch', 'integer'],
  ['current_period_start', 'timestamptz'],
  ['current_period_end', 'timestamptz'],
  ['trial_end', 'timestamptz'],
  ['trial_will_end_notified', 'boolean'],
  ['cancel_at_period_end', 'boolean'],
  ['pause_at_period_end', 'boolean'],
  ['canceled_at', 'timestamptz'],
  ['ended_at', 'timestamptz'],
  ['paused_at', 'timestamptz'],
  ['paused_by_dunning', 'boolean'],
  ['pending_change', 'jsonb'],
  ['metadata', 'jsonb'],
  ['updated_at', 'timestamptz'],
]);

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

  /** The subscriptions of `ids` as stored (rows the caller's transaction has locked), in no particular order. */
  async findMany(manager: EntityManager, ids: readonly string[]): Promise<Subscription[]> {
    if (ids.length === 0) return [];
    const entities = await manager.findBy(SubscriptionEntity, { id: In([...ids]) });
    return entities.map((entity) => Subscription.restore(toSubscriptionProps(entity)));
  }

  /** Locks, in id order, the subscriptions not canceled of these accounts and of these ids. */
  async lockLive(manager: EntityManager, accountIds: readonly string[], ids: readonly string[]): Promise<Subscription[]> {
    if (accountIds.length === 0 && ids.length === 0) return [];
    const byAccount: { id: string }[] = accountIds.length
      ? await manager.query(`SELECT id FROM subscriptions WHERE account_id = ANY($1::text[]) AND status <> 'canceled'`, [accountIds])
      : [];
    const wanted = [...new Set([...ids, ...byAccount.map((row) => row.id)])];
    const entities = await manager
      .createQueryBuilder(SubscriptionEntity, 'subscription')
      .where('subscription.id = ANY(:wanted)', { wanted })
      .andWhere("subscription.status <> 'canceled'")
      .orderBy('subscription.id')
      .setLock('pessimistic_write')
      .getMany();
    return entities.map((entity) => Subscription.restore(toSubscriptionProps(entity)));
  }

  /**
   * Locks up to `limit` subscriptions with a period boundary or a trial warning due by `now` and answers their
   * ids, skipping rows another transaction holds (so several schedulers share a run without waiting) and the
   * ids in `except`.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number, except: readonly string[] = []): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM subscriptions WHERE ${DUE} AND id <> ALL($3::text[]) ORDER BY current_period_end LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit, except],
    );
    return rows.map((row) => row.id);
  }

  /** Locks the subscription when it has a boundary due and no other transaction holds it; answers whether it did. */
  async claimIfDue(manager: EntityManager, now: Date, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT id FROM subscriptions WHERE ${DUE} AND id = $2 FOR UPDATE SKIP LOCKED`, [now, id]);
    return rows.length > 0;
  }

  async countDue(manager: EntityManager, now: Date, except: readonly string[] = []): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS due FROM subscriptions WHERE ${DUE} AND id <> ALL($2::text[])`, [
      now,
      except,
    ]);
    return row.due;
  }

  async insert(manager: EntityManager, subscription: Subscription): Promise<void> {
    await manager.insert(SubscriptionEntity, { ...toSubscriptionRow(subscription.snapshot()), version: 1 });
    await recordSubscriptionVersions(manager, [subscription]);
  }

  async save(manager: EntityManager, subscription: Subscription): Promise<void> {
    await this.saveMany(manager, [subscription]);
  }

  /**
   * Saves many subscriptions with one `UPDATE … FROM unnest(…)`, whatever their number, and records a version of
   * those whose billable state changed (their history, for the analytics) with one more statement.
   */
  async saveMany(manager: EntityManager, subscriptions: readonly Subscription[]): Promise<void> {
    await bulkUpdate(
      manager,
      'subscriptions',
      SUBSCRIPTION_COLUMNS,
      subscriptions.map((subscription) => {
        const row = toSubscriptionRow(subscription.snapshot());
        return [
          row.id,
          row.accountId,
          row.planId,
          row.planCode,
          row.plan,
          row.quantity,
          row.currency,
          row.timezone,
          row.billCycleDay,
          row.status,
          row.anchor,
          row.anchorDay,
          row.billingEpoch,
          row.currentPeriodStart,
          row.currentPeriodEnd,
          row.trialEnd,
          row.trialWillEndNotified,
          row.cancelAtPeriodEnd,
          row.pauseAtPeriodEnd,
          row.canceledAt,
          row.endedAt,
          row.pausedAt,
          row.pausedByDunning,
          row.pendingChange,
          row.metadata,
          row.updatedAt,
        ];
      }),
      ['version = subscriptions.version + 1'],
    );
    await recordSubscriptionVersions(manager, subscriptions);
  }

  /**
   * {@link saveMany}, with the billing events and the domain events the subscriptions raised (the outbox), for
   * the set-based paths outside a request (renewals, dunning), in the caller's transaction.
   */
  async saveWithEvents(manager: EntityManager, subscriptions: readonly Subscription[]): Promise<void> {
    await this.saveMany(manager, subscriptions);
    await this.appendBillingEvents(
      manager,
      subscriptions.flatMap((subscription) => subscription.pullBillingEvents()),
    );
    await appendToOutbox(
      manager,
      subscriptions.flatMap((subscription) => eventsOf('subscription', subscription.id, subscription.pullEvents(), toSubscriptionView)),
    );
  }

  /** The billing events of a transaction, with one insert whatever their number. */
  async appendBillingEvents(manager: EntityManager, events: readonly BillingEvent[]): Promise<void> {
    await bulkInsert(
      manager,
      'billing_events',
      BILLING_EVENT_COLUMNS,
      events.map((event) => [
        event.id,
        event.subscriptionId,
        event.accountId,
        event.type,
        event.effectiveAt,
        event.periodStart,
        event.periodEnd,
        event.planId,
        event.planCode,
        event.quantity,
        event.unitAmount,
        event.currency,
        event.amount,
        event.epoch,
        event.createdAt,
      ]),
    );
  }
}
