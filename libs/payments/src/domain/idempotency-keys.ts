import { createHash } from 'node:crypto';

/**
 * Idempotency keys for the payment provider, derived from our own ids and never random, so that every retry of
 * the same piece of work sends the same key whoever retries it: the SDK's own network retries, a redelivered
 * job, another scheduler, the process after a crash. The provider then answers the first result (a decline
 * included) instead of acting again. Stripe keeps a key for at least 24 hours and compares the parameters: the
 * same key with other parameters is refused (`PaymentProviderFault('idempotency_key_reused')`), which turns
 * a bug that derives one key for two requests into an error rather than a silently wrong answer.
 *
 * | key                                | one of these per key                                              |
 * |------------------------------------|-------------------------------------------------------------------|
 * | `customer_<accountId>`             | provider customer per account (store its id: keys expire)         |
 * | `pm_attach_<accountId>_<token>`    | attachment of a token to the account's customer                   |
 * | `payment_<paymentId>`              | PaymentIntent per payment; a payment is one attempt of an invoice |
 * | `refund_<refundId>`                | refund per refund                                                 |
 *
 * `payment_<paymentId>` is "the invoice and the attempt" of BILLING-RULES.md as long as the payment row, one
 * per (invoice, attempt), is created once: its id must not be minted anew by a retried job.
 */
export const idempotencyKeys = {
  customer: (accountId: string) => bounded(`customer_${accountId}`),
  paymentMethodAttach: (accountId: string, token: string) => bounded(`pm_attach_${accountId}_${token}`),
  payment: (paymentId: string) => bounded(`payment_${paymentId}`),
  refund: (refundId: string) => bounded(`refund_${refundId}`),
} as const;

/** Stripe refuses keys longer than 255 characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * Our ids are 27 characters, but a token comes from the client: a key beyond Stripe's limit keeps its first
 * 190 characters and a SHA-256 of the whole, so it stays within the limit and still different for different input.
 */
function bounded(key: string): string {
  if (key.length <= MAX_IDEMPOTENCY_KEY_LENGTH) return key;
  return `${key.slice(0, 190)}_${createHash('sha256').update(key).digest('hex')}`;
}
