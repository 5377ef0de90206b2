/**
 * The catalog: billable metrics and plans (recurring prices per currency, usage charges per metric).
 *
 * Read API for the other libs (they never touch the catalog's tables), in the caller's transaction:
 * - `Plans.find(manager, idOrCode)`: the `Plan` aggregate, with `interval`, `intervalCount`, `trialDays`,
 *   `prices`, `priceIn(currency)`, `currencies`, `charges`, `chargeFor(metricCode)`.
 * - `Plans.use(manager, idOrCode)`: what a subscription's create (or plan change) transaction calls: it
 *   marks the plan in use and reads it under a row lock, so the prices it answers are the ones frozen.
 * - `Plans.chargedMetrics(manager, planIds, codes)`: which of the codes each plan charges (usage ingestion).
 * - `Metrics.byCodes(manager, codes)`: metrics (aggregation, field) for usage ingestion and aggregation.
 * - `catalogNames(manager, planCodes, metricCodes)`: plan and metric names by code, for documents.
 *
 * "A plan that has subscriptions cannot have its prices changed" (API.md) is kept without reading the
 * subscriptions table (the catalog must not depend on the subscriptions lib, which depends on it): the
 * `plans.in_use` flag is set in the transaction that creates the first subscription on the plan, and stays
 * set for good (invoices and history refer to those prices), so `PATCH` of `prices` or `charges` answers
 * 409 `plan_in_use` from then on. Name, description and metadata can change at any time.
 */
export * from './domain';
export * from './commands/create-metric/create-metric.command';
export * from './commands/create-plan/create-plan.command';
export * from './commands/update-plan/update-plan.command';
export * from './queries/get-metric/get-metric.query';
export * from './queries/list-metrics/list-metrics.query';
export * from './queries/get-plan/get-plan.query';
export * from './queries/list-plans/list-plans.query';
export * from './queries/plan.view';
export * from './queries/metric.view';
export * from './persistence/catalog-names';
export * from './persistence/catalog-api';
export * from './catalog.module';
