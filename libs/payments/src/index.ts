/**
 * Payments: the payment provider port and its adapters (Stripe through the official SDK, and the built-in
 * sandbox), Stripe webhook verification, and the Nest module that provides the configured provider.
 *
 * - `PaymentProvider` (domain/payment-provider.ts): customers, payment methods, charges, their lookup and
 *   refunds. `charge` and `refund` answer `succeeded | failed | ambiguous` (+ refund `pending`); `ambiguous`
 *   is never a failure: the payment stays `unknown` until `findCharge`, or the same charge sent again with the
 *   same key, settles it.
 * - `idempotencyKeys` (domain/idempotency-keys.ts): the key of every provider call, derived from our ids.
 * - `failureCodes` / `describeFailure`: Stripe's failure codes and what dunning should make of them.
 * - `PaymentsModule` provides `PAYMENT_PROVIDER` (`paymentProviderFor(config)`: Stripe when
 *   `STRIPE_SECRET_KEY` is set, at `STRIPE_API_BASE` if given, else the sandbox).
 * - `verifyStripeWebhook(rawBody, header, secret)`: the event of `POST /webhooks/stripe`, or StripeWebhookRejected.
 *
 * Tests drive the Stripe adapter through the real SDK against the local Stripe server of libs/testing.
 */
export * from './domain/failure-codes';
export * from './domain/idempotency-keys';
export * from './domain/payment-provider';
export * from './domain/payment.errors';
export * from './adapters/sandbox.provider';
export * from './adapters/stripe.provider';
export * from './adapters/stripe-amount';
export * from './adapters/stripe-client';
export * from './adapters/test-cards';
export * from './stripe-webhook';
export * from './payments.module';
