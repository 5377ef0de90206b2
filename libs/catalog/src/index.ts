/**
 * The catalog: billable metrics and plans (recurring prices per currency, usage charges per metric).
 *
 * Read API for the other domains (import only from here):
 * - `PlanRepository.getPlan(manager, idOrCode)` / `findPlan(...)`: the `Plan` aggregate, with `interval`,
 *   `intervalCount`, `trialDays`, `prices`, `priceIn(currency)`, `currencies`, `charges`, `chargeFor(metricCode)`.
 * - `PlanRepository.usePlan(manager, idOrCode)`: what a subscription's create (or plan change) transaction
 *   calls: it marks the plan in use and reads it under a row lock, so the prices it answers are the ones
 *   frozen. `markInUse(manager, planId)` does only the marking.
 * - `MetricRepository.getMetric(manager, idOrCode)` / `findByCodes(manager, codes)`: metrics (aggregation,
 *   field) for usage ingestion and aggregation.
 * - `catalogNames(manager, planCodes, metricCodes)`: plan and metric names by code, for documents.
 *
 * "A plan that has subscriptions cannot have its prices changed" (API.md) is kept without reading the
 * subscriptions table (the catalog must not depend on the subscriptions lib, which depends on it): the
 * `plans.in_use` flag is set in the transaction that creates the first subscription on the plan, and stays
 * set for good (invoices and history refer to those prices), so `PATCH` of `prices` or `charges` answers
 * 409 `plan_in_use` from then on. Name, description and metadata can change at any time.
 */
export * from './domain/catalog-rules';
export * from './domain/catalog.errors';
export * from './domain/charge-models';
export * from './domain/metric';
export * from './domain/plan';
export * from './commands/create-metric/create-metric.command';
export * from './commands/create-plan/create-plan.command';
export * from './commands/update-plan/update-plan.command';
export * from './queries/metric.queries';
export * from './queries/plan.queries';
export * from './queries/catalog-names';
export * from './persistence/catalog.entities';
export * from './persistence/metric.repository';
export * from './persistence/plan.repository';
export * from './catalog.module';
