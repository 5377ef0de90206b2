import { Clock, NotFound, sumAmounts } from '@billing/kernel';
import { currentUsageWindow, UsageTargets } from '@billing/subscriptions';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { UsageRating } from '../../rating/usage-rating';
import { CurrentUsageView } from '../current-usage.view';
import { GetCurrentUsageQuery } from './get-current-usage.query';

/**
 * The usage of the subscription's current usage window, per charge of the plan in force, with the amount so
 * far: the window the next invoice will bill (see the subscriptions lib's usage windows), so that this
 * answer, the preview and the invoice agree. It opens at the period's start or at the last immediate plan
 * change, and ends at the period's end, cut at a pause or a cancel (usage after them is not billed). During a
 * trial the window is the trial, the quantities show but the amounts are 0: trials bill nothing
 * (BILLING-RULES.md).
 */
@QueryHandler(GetCurrentUsageQuery)
export class GetCurrentUsageHandler implements IQueryHandler<GetCurrentUsageQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rating: UsageRating,
    private readonly clock: Clock,
  ) {}

  async execute({ subscriptionId }: GetCurrentUsageQuery): Promise<CurrentUsageView> {
    const manager = this.dataSource.manager;
    const subscription = await UsageTargets.state(manager, subscriptionId);
    if (!subscription) throw new NotFound('subscription', subscriptionId);
    const trial = subscription.trialing;
    const window = trial
      ? {
          planId: subscription.planId,
          currency: subscription.currency,
          from: subscription.currentPeriodStart,
          to: subscription.currentPeriodEnd,
        }
      : await currentUsageWindow(manager, subscription.id, this.clock.now());
    const start = window?.from ?? subscription.currentPeriodStart;
    const end = window?.to ?? start;
    const [rated] = window
      ? await this.rating.rateWindows(manager, [
          { subscriptionId, planId: window.planId, currency: window.currency, periodStart: start, periodEnd: end },
        ])
      : [[]];
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
      amount: sumAmounts(
        metrics.map((metric) => metric.amount),
        'The usage amount',
      ),
      metrics,
    };
  }
}
