import { recordAudit } from '@billing/audit';
import { appendToOutbox } from '@billing/core';
import { Clock, RequestContext } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Subscription, SubscriptionView, toSubscriptionView } from '../domain/subscription';
import { SubscriptionRepository } from '../persistence/subscription.repository';

/**
 * The one write path of subscription commands: the aggregate, its billing events, its domain events
 * (outbox) and the audit entry commit in one transaction.
 */
@Injectable()
export class SubscriptionWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
    private readonly clock: Clock,
  ) {}

  create(context: RequestContext, build: (manager: EntityManager, now: Date) => Promise<Subscription>): Promise<SubscriptionView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const subscription = await build(manager, now);
      await this.subscriptions.insert(manager, subscription);
      return this.commit(manager, subscription, context, null, now);
    });
  }

  modify(
    id: string,
    context: RequestContext,
    act: (subscription: Subscription, manager: EntityManager, now: Date) => Promise<void> | void,
  ): Promise<SubscriptionView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const subscription = await this.subscriptions.getForUpdate(manager, id);
      const before = toSubscriptionView(subscription.snapshot());
      // A boundary due but not yet crossed by the renewals (they run every minute) is crossed first, so
      // that an action at or after a renewal instant acts on the period it falls in.
      subscription.advance(now);
      await act(subscription, manager, now);
      await this.subscriptions.save(manager, subscription);
      return this.commit(manager, subscription, context, before, now);
    });
  }

  private async commit(
    manager: EntityManager,
    subscription: Subscription,
    context: RequestContext,
    before: SubscriptionView | null,
    now: Date,
  ): Promise<SubscriptionView> {
    const after = toSubscriptionView(subscription.snapshot());
    await this.subscriptions.appendBillingEvents(manager, subscription.pullBillingEvents());
    await appendToOutbox(manager, subscription.pullEvents(), context.requestId);
    await recordAudit(manager, context, {
      action: before ? 'update' : 'create',
      resourceType: 'subscription',
      resourceId: subscription.id,
      before,
      after,
      at: now,
    });
    return after;
  }
}
