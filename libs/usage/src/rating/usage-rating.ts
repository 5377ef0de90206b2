import { Charge, Plans } from '@billing/catalog';
import { NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MetricDefinition } from '../domain/aggregation';
import { RatedCharge, rateCharge } from '../domain/rating';
import { MetricCache } from '../persistence/metric-cache';
import { aggregateWindows } from '../persistence/usage-aggregates';

/** One usage charge of a plan with its metric's definition. */
export interface MeteredCharge {
  charge: Charge;
  metric: MetricDefinition;
}

/** A charge rated over a period: what one invoice line (or one metric of the current usage) shows. */
export interface RatedUsage extends RatedCharge {
  metricCode: string;
  aggregation: MetricDefinition['aggregation'];
}

/** One window of {@link UsageRating.rateWindows}: a subscription's plan charges over [periodStart, periodEnd). */
export interface RatingWindow {
  subscriptionId: string;
  planId: string;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
}

const PLAN_CACHE_SIZE = 1000;

/**
 * Rates a subscription's usage over a period: one query aggregates every metric its plan charges, then the
 * pure rating prices each one in the subscription's currency. What invoicing calls (see index.ts).
 */
@Injectable()
export class UsageRating {
  /** Charges of plans in use: frozen by the catalog once a subscription uses the plan, so safe to keep. */
  private readonly charges = new Map<string, MeteredCharge[]>();

  constructor(private readonly metrics: MetricCache) {}

  /**
   * The usage charges of each window's plan rated over [periodStart, periodEnd), in the plan's order, one per
   * charge (quantity "0" and amount 0 for a metric without events), with one aggregate query for all the
   * windows: the rated charges of each window, in the order of `windows`. Reads through `manager`, so inside
   * the caller's transaction when it has one.
   */
  async rateWindows(manager: EntityManager, windows: readonly RatingWindow[]): Promise<RatedUsage[][]> {
    const byPlan = new Map<string, MeteredCharge[]>();
    for (const { planId } of windows) if (!byPlan.has(planId)) byPlan.set(planId, await this.chargesOf(manager, planId));
    const charges = windows.map((window) => byPlan.get(window.planId) as MeteredCharge[]);
    const quantities = await aggregateWindows(
      manager,
      windows.flatMap((window, index) =>
        charges[index].length === 0
          ? []
          : [
              {
                key: String(index),
                subscriptionId: window.subscriptionId,
                metrics: charges[index].map(({ metric }) => metric),
                start: window.periodStart,
                end: window.periodEnd,
              },
            ],
      ),
    );
    return windows.map((window, index) =>
      charges[index].map(({ charge, metric }) => ({
        ...rateCharge(charge, window.currency, quantities.get(String(index))?.get(metric.code) ?? '0'),
        metricCode: metric.code,
        aggregation: metric.aggregation,
      })),
    );
  }

  /** The plan's usage charges with their metrics (plans in use are cached: their charges cannot change). */
  async chargesOf(manager: EntityManager, planId: string): Promise<MeteredCharge[]> {
    const cached = this.charges.get(planId);
    if (cached) return cached;
    const plan = await Plans.find(manager, planId);
    if (!plan) throw new NotFound('plan', planId);
    const metrics = await this.metrics.byCodes(plan.charges.map((charge) => charge.metricCode));
    const metered = plan.charges.map((charge) => {
      const metric = metrics.get(charge.metricCode);
      if (!metric) throw new NotFound('metric', charge.metricCode);
      return { charge, metric: { code: metric.code, aggregation: metric.aggregation, field: metric.field } };
    });
    if (plan.inUse) {
      if (this.charges.size >= PLAN_CACHE_SIZE) this.charges.delete(this.charges.keys().next().value as string);
      this.charges.set(planId, metered);
    }
    return metered;
  }
}
