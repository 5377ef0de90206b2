/**
 * Subscriptions: the lifecycle of a customer's subscription to a plan (trial, renewals, changes with
 * proration, pause/resume, cancel) and the billing events it records for invoicing. Other libs read its
 * tables only through what this exports, in the caller's transaction: `UnbilledEvents` (invoicing consumes
 * billing events), `usageWindowsClosedAt` / `currentUsageWindow` (which plan rates usage when),
 * `BillingSimulations` (previews), `UsageTargets` (usage ingestion),
 * `accountMrrAt` / `accountMadeMrrBefore` / `firstSubscriptionDay` (the analytics read the history of billable states,
 * `subscription_versions`, written with every save).
 */
export * from './domain';
export * from './commands/create-subscription/create-subscription.command';
export * from './commands/change-subscription/change-subscription.command';
export * from './commands/cancel-subscription/cancel-subscription.command';
export * from './commands/pause-subscription/pause-subscription.command';
export * from './commands/resume-subscription/resume-subscription.command';
export * from './commands/apply-dunning/apply-dunning.command';
export * from './renewals/subscription-renewals';
export * from './queries/get-subscription/get-subscription.query';
export * from './queries/list-subscriptions/list-subscriptions.query';
export * from './queries/list-billing-events/list-billing-events.query';
export * from './queries/subscription.view';
export * from './queries/billing-event.view';
export * from './simulations/billing-simulations';
export * from './persistence/unbilled-events';
export * from './persistence/usage-targets';
export * from './persistence/usage-windows';
export { accountMadeMrrBefore, accountMrrAt, firstSubscriptionDay } from './persistence/subscription-versions';
export * from './subscriptions.module';
