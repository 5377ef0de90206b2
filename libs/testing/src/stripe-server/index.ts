/**
 * A local Stripe-compatible server for the real Stripe SDK (`STRIPE_API_BASE`), with failure injection and
 * signed webhooks: test infrastructure, never part of the build.
 */
export * from './form';
export * from './stripe-api';
export * from './stripe-objects';
export * from './stripe-server';
export * from './stripe-webhooks';
export * from './test-tokens';
