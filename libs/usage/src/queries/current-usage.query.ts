import { NotFound, sumAmounts } from '@billing/core';
import { SubscriptionEntity } from '@billing/subscriptions';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { UsageRating } from '../rating/usage-rating';

export interface MetricUsageView {
  metric_code: string;
  /** Decimal string. */
  quantity: string;
  /** Minor units of `currency`, rounded once for the metric (as its invoice line will be). */
  amount: number;
  /** Average price per unit in minor units (decimal string). */
  unit_amount: string;
  description: string;
}

export interface CurrentUsageView {
  object: 'subscription_usage';
  subscription_id: string;
  period_start: string;
  period_end: string;
  currency: string;
  /** The sum of the metrics' amounts: what the period's usage would bill if it ended now. */
  amount: number;
  metrics: MetricUsageView[];
}

/** `GET /v1/subscriptions/{id}/usage`. */
export class GetCurrentUsageQuery extends Query<CurrentUsageView> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}

/**
 * The usage of the subscription's current period, per charge of its plan, with the amount so far. The window
 * is [current_period_start, current_period_end), cut at `ended_at` for a canceled subscription and at
 * `paused_at` for a paused one (usage after them is not billed). During a trial the quantities show but the
 * amounts are 0: trials bill nothing (BILLING-RULES.md).
 */
@QueryHandler(GetCurrentUsageQuery)
export class GetCurrentUsageHandler implements IQueryHandler<GetCurrentUsageQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rating: UsageRating,
  ) {}

  async execute({ subscriptionId }: GetCurrentUsageQuery): Promise<CurrentUsageView> {
    const manager = this.dataSource.manager;
    const subscription = await manager.findOneBy(SubscriptionEntity, { id: subscriptionId });
    if (!subscription) throw new NotFound('subscription', subscriptionId);
    const start = subscription.currentPeriodStart;
    const cuts = [subscription.currentPeriodEnd, subscription.endedAt, subscription.status === 'paused' ? subscription.pausedAt : null];
    const end = new Date(
      Math.max(start.getTime(), Math.min(...cuts.filter((cut): cut is Date => cut !== null).map((cut) => cut.getTime()))),
    );
    const rated = await this.rating.rateSubscriptionPeriod(
      manager,
      subscription.id,
      subscription.planId,
      subscription.currency,
      start,
      end,
    );
    const trial = subscription.status === 'trialing';
    const metrics = rated.map((usage) => ({
      metric_code: usage.metricCode,
      quantity: usage.quantity,
      amount: trial ? 0 : usage.amount,
      unit_amount: trial ? '0' : usage.unitAmount,
      description: trial ? `${usage.description} (trial: not billed)` : usage.description,
    }));
    return {
      object: 'subscription_usage',
      subscription_id: subscription.id,
      period_start: start.toISOString(),
      period_end: end.toISOString(),
      currency: subscription.currency,
      amount: sumAmounts(metrics.map((metric) => metric.amount), 'The usage amount'),
      metrics,
    };
  }
}
