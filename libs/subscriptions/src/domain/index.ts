/** The subscriptions lib's pure surface, for other domains (`@billing/subscriptions/domain`). */
export * from './billing-event';
export * from './periods';
export * from './proration';
export * from './subscribed-plan';
export * from './subscription';
export * from './subscription.errors';
export * from './monthly-recurring-revenue';
