import { EntityManager } from 'typeorm';
import type { Metric } from '../domain/metric';
import type { Plan } from '../domain/plan';
import { MetricRepository } from './metric.repository';
import { PlanRepository } from './plan.repository';

const plans = new PlanRepository();
const metrics = new MetricRepository();

/** The catalog's plans as other libs read them, in the caller's transaction. */
export const Plans = {
  /** The plan with this id, else the one with this code; null when there is none. */
  find: (manager: EntityManager, idOrCode: string): Promise<Plan | null> => plans.findPlan(manager, idOrCode),

  /**
   * What a subscription's create (or plan change) transaction calls: marks the plan in use and reads it
   * under a row lock, so the prices it answers are the ones frozen (a plan in use keeps its prices).
   * NotFound when there is no such plan.
   */
  use: (manager: EntityManager, idOrCode: string): Promise<Plan> => plans.usePlan(manager, idOrCode),

  /** For each plan of `planIds`, the codes of `metricCodes` it charges. */
  async chargedMetrics(
    manager: EntityManager,
    planIds: readonly string[],
    metricCodes: readonly string[],
  ): Promise<Map<string, Set<string>>> {
    const rows: { plan_id: string; code: string }[] =
      planIds.length === 0
        ? []
        : await manager.query(
            `SELECT c.plan_id, m.code FROM plan_charges c JOIN metrics m ON m.id = c.metric_id
              WHERE c.plan_id = ANY($1::text[]) AND m.code = ANY($2::text[])`,
            [[...new Set(planIds)], [...new Set(metricCodes)]],
          );
    const charged = new Map<string, Set<string>>();
    for (const row of rows) charged.set(row.plan_id, (charged.get(row.plan_id) ?? new Set()).add(row.code));
    return charged;
  },
};

/** The catalog's metrics as other libs read them. */
export const Metrics = {
  byCodes: (manager: EntityManager, codes: readonly string[]): Promise<Map<string, Metric>> => metrics.findByCodes(manager, codes),
};
