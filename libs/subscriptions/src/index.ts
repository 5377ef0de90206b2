/**
 * Subscriptions: the lifecycle of a customer's subscription to a plan (trial, renewals, changes with
 * proration, pause/resume, cancel) and the billing events it records for invoicing.
 */
export * from './domain';
export * from './commands/subscription.commands';
export * from './commands/subscription-renewals';
export * from './queries/subscription.queries';
export * from './persistence/subscription.entity';
export * from './persistence/subscription.repository';
export * from './persistence/usage-windows';
export * from './subscriptions.module';
