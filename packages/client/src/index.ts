export { createBillingClient } from './client';
export type { BillingClient, BillingClientOptions } from './client';
export { paginate } from './pages';
export type { Page } from './pages';
export { ProblemError, unwrap } from './problem';
export type { Problem } from './problem';
export { retryAfterMs, retryingFetch } from './retrying-fetch';
export type { RetryOptions } from './retrying-fetch';
export type { components, operations, paths } from './schema';
