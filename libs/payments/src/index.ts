/**
 * Payments: payment methods, payments (one attempt to collect one invoice) and refunds, through the payment
 * provider port and its adapters (Stripe through the official SDK, and the built-in sandbox).
 *
 * - `PaymentProvider` (domain/payment-provider.ts): customers, payment methods, charges, their lookup and
 *   refunds. `charge` and `refund` answer `succeeded | failed | ambiguous` (+ refund `pending`); `ambiguous`
 *   is never a failure: the payment stays `unknown` until reconciliation settles it.
 * - Charging (charging/payment-collector.ts): the payment row `pending` first, then the provider with
 *   `payment_<id>`, then the outcome with the invoice's settlement (invoicing's RecordPaymentOutcomes).
 * - The saga `invoice.finalized` → CollectInvoices (sagas/), reconciliation of unsettled payments
 *   (reconciliation/, a scheduler task), `/pay` and refunds (commands/).
 * - `idempotencyKeys`: the key of every provider call, derived from our ids.
 * - `verifyStripeWebhook(rawBody, header, secret)`: the event of `POST /webhooks/stripe`, or StripeWebhookRejected;
 *   HandleStripeEventCommand (commands/handle-stripe-event) verifies a delivery and processes its event once.
 *
 * Tests drive the Stripe adapter through the real SDK against the local Stripe server of libs/testing.
 */
export * from './domain/failure-codes';
export * from './domain/idempotency-keys';
export * from './domain/payment';
export * from './domain/payment-provider';
export * from './domain/payment.errors';
export * from './adapters/sandbox.provider';
export * from './adapters/stripe.provider';
export * from './adapters/stripe-amount';
export * from './adapters/stripe-client';
export * from './adapters/test-cards';
export * from './stripe-webhook';
export * from './payment-provider.token';
export * from './payment-provider.module';
export * from './payments.module';
export * from './commands/attach-payment-method/attach-payment-method.command';
export * from './commands/detach-payment-method/detach-payment-method.command';
export * from './commands/handle-stripe-event/handle-stripe-event.command';
export * from './commands/pay-invoice/pay-invoice.command';
export * from './commands/refund-payment/refund-payment.command';
export * from './commands/retry-payments/retry-payments.command';
export * from './queries/get-payment/get-payment.query';
export * from './queries/list-payments/list-payments.query';
export * from './queries/list-payment-methods/list-payment-methods.query';
export * from './queries/payment-counts';
export * from './queries/payment.view';
export * from './queries/payment-method.view';
export * from './reconciliation/payment-reconciliation';
export * from './sagas/charge-on-invoice-finalized.saga';
export * from './sagas/refund-on-credit-note.saga';
