import { Plans } from '@billing/catalog';
import { ValidationFailed } from '@billing/kernel';
import { EntityManager } from 'typeorm';
import { BillingEvent } from '../domain/billing-event';
import { SubscribedPlan } from '../domain/subscribed-plan';
import { Proration, Timing } from '../domain/subscription';
import { PlanNotPricedInCurrency } from '../domain/subscription.errors';
import { SubscriptionRepository } from '../persistence/subscription.repository';
import { UnbilledEvent } from '../persistence/unbilled-events';

export interface ProposedChange {
  planId?: string;
  planCode?: string;
  quantity?: number;
  timing: Timing;
  proration: Proration;
}

const subscriptions = new SubscriptionRepository();

const unbilled = (event: BillingEvent): UnbilledEvent => ({
  id: event.id,
  subscriptionId: event.subscriptionId,
  accountId: event.accountId,
  type: event.type,
  effectiveAt: event.effectiveAt,
  periodStart: event.periodStart,
  periodEnd: event.periodEnd,
  planId: event.planId,
  planCode: event.planCode,
  quantity: event.quantity,
  unitAmount: event.unitAmount,
  currency: event.currency,
  amount: event.amount,
});

/**
 * The billing events actions would record, computed on the aggregates and stored nowhere: what invoice
 * previews price with the invoicing engine (read-only, in the caller's transaction).
 */
export const BillingSimulations = {
  /** The events of the account's next renewal instant (its subscriptions' earliest period end). */
  async nextRenewal(manager: EntityManager, accountId: string): Promise<UnbilledEvent[]> {
    const simulated = (await subscriptions.findBilling(manager, accountId)).flatMap((subscription) => {
      subscription.advance(subscription.snapshot().currentPeriodEnd);
      return subscription.pullBillingEvents();
    });
    const earliest = Math.min(...simulated.map((event) => event.effectiveAt.getTime()));
    return simulated.filter((event) => event.effectiveAt.getTime() === earliest).map(unbilled);
  },

  /** The events a change of the subscription would record now, and its account. */
  async change(manager: EntityManager, subscriptionId: string, change: ProposedChange, now: Date) {
    const subscription = await subscriptions.find(manager, subscriptionId);
    if (!subscription) throw new ValidationFailed([{ field: 'subscription_id', message: `no subscription "${subscriptionId}"` }]);
    const current = subscription.snapshot();
    const reference = change.planId ?? change.planCode;
    let plan: SubscribedPlan = current.plan;
    if (reference) {
      const found = await Plans.find(manager, reference);
      if (!found)
        throw new ValidationFailed([{ field: change.planId ? 'change.plan_id' : 'change.plan_code', message: `no plan "${reference}"` }]);
      const unitAmount = found.priceIn(current.currency);
      if (unitAmount === undefined) throw new PlanNotPricedInCurrency(found.code, current.currency);
      plan = {
        id: found.id,
        code: found.code,
        interval: found.interval,
        intervalCount: found.intervalCount,
        trialDays: found.trialDays,
        unitAmount,
      };
    }
    subscription.pullBillingEvents();
    subscription.change({ plan, quantity: change.quantity ?? current.quantity, timing: change.timing, proration: change.proration }, now);
    return { accountId: current.accountId, events: subscription.pullBillingEvents().map(unbilled) };
  },
};
