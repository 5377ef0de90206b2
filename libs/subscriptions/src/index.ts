/**
 * Subscriptions: the lifecycle of a customer's subscription to a plan (trial, renewals, changes with
 * proration, pause/resume, cancel) and the billing events it records for invoicing. Other libs read its
 * tables only through what this exports, in the caller's transaction: `UnbilledEvents` (invoicing consumes
 * billing events), `usageWindowsClosedAt` / `currentUsageWindow` (which plan rates usage when),
 * `BillingSimulations` (previews), `UsageTargets` (usage ingestion).
 */
export * from './domain';
export * from './commands/subscription.commands';
export * from './commands/subscription-renewals';
export * from './queries/subscription.queries';
export * from './queries/subscription.view';
export * from './queries/billing-simulations';
export * from './persistence/unbilled-events';
export * from './persistence/usage-targets';
export * from './persistence/usage-windows';
export * from './subscriptions.module';
