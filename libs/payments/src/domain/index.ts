/** The payments lib's pure surface, for other domains (`@billing/payments/domain`). */
export * from './failure-codes';
export * from './idempotency-keys';
export * from './payment-provider';
export * from './payment.errors';
export * from './payment';
