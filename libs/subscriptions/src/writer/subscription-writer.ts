import { ChangeWriter } from '@billing/audit';
import { eventsOf, RequestContext } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Subscription } from '../domain/subscription';
import { SubscriptionRepository } from '../persistence/subscription.repository';
import { SubscriptionView, toSubscriptionView } from '../queries/subscription.view';

/**
 * Subscription commands through the ChangeWriter: the aggregate and its billing events are saved with its
 * domain events (outbox) and the audit entry, in one transaction.
 */
@Injectable()
export class SubscriptionWriter {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  create(context: RequestContext, build: (manager: EntityManager, now: Date) => Promise<Subscription>): Promise<SubscriptionView> {
    return this.writer.run(context, async (manager, now) => {
      const subscription = await build(manager, now);
      return this.change(subscription, null, async () => {
        await this.subscriptions.insert(manager, subscription);
        await this.subscriptions.appendBillingEvents(manager, subscription.pullBillingEvents());
      });
    });
  }

  modify(
    id: string,
    context: RequestContext,
    act: (subscription: Subscription, manager: EntityManager, now: Date) => Promise<void> | void,
  ): Promise<SubscriptionView> {
    return this.writer.run(context, async (manager, now) => {
      const subscription = await this.subscriptions.getForUpdate(manager, id);
      const before = toSubscriptionView(subscription.snapshot());
      // A boundary due but not yet crossed by the renewals (they run every minute) is crossed first, so
      // that an action at or after a renewal instant acts on the period it falls in.
      subscription.advance(now);
      await act(subscription, manager, now);
      return this.change(subscription, before, async () => {
        await this.subscriptions.save(manager, subscription);
        await this.subscriptions.appendBillingEvents(manager, subscription.pullBillingEvents());
      });
    });
  }

  private change(subscription: Subscription, before: SubscriptionView | null, save: () => Promise<void>) {
    return {
      result: toSubscriptionView(subscription.snapshot()),
      events: eventsOf('subscription', subscription.id, subscription.pullEvents(), toSubscriptionView),
      save,
      audit: {
        action: before ? ('update' as const) : ('create' as const),
        resourceType: 'subscription',
        resourceId: subscription.id,
        before,
      },
    };
  }
}
