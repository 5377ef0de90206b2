import { Conflict, DomainError } from '@billing/kernel';
import type { ChargeLookup, ChargeOutcome, PaymentProviderName } from './payment-provider';

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'unknown';

/** One attempt to collect one invoice (API.md, "Payment object"). */
export interface PaymentRecord {
  id: string;
  invoiceId: string;
  accountId: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  provider: PaymentProviderName | 'manual';
  paymentMethodId: string | null;
  providerPaymentId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  attempt: number;
  refundedAmount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What an outcome changes on a payment: its status, and what the provider said. */
export interface PaymentSettlement {
  status: PaymentStatus;
  providerPaymentId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

/**
 * What a provider's answer (a charge's, a lookup's, a Stripe webhook's) makes of a payment, or null when it
 * changes nothing. The states:
 *
 * | from \ answer | succeeded | failed | ambiguous / not_found |
 * |---------------|-----------|--------|-----------------------|
 * | pending       | succeeded | failed | unknown               |
 * | unknown       | succeeded | failed | (stays unknown)       |
 * | succeeded     | —         | —      | —                     |
 * | failed        | succeeded | —      | —                     |
 *
 * A settled payment is never unsettled: a late or repeated `failed` never undoes a `succeeded` (Stripe's
 * webhooks arrive out of order and twice). A `failed` one that the provider says succeeded after all (a
 * decline Stripe later reverses is rare, but a webhook is the provider's truth) becomes `succeeded`.
 * `not_found` is not a failure: the charge may still be on its way, so an unknown payment stays unknown.
 */
export function settle(
  payment: Pick<PaymentRecord, 'status' | 'providerPaymentId'>,
  answer: ChargeOutcome | ChargeLookup,
): PaymentSettlement | null {
  const providerPaymentId = ('providerPaymentId' in answer ? answer.providerPaymentId : null) ?? payment.providerPaymentId;
  switch (answer.status) {
    case 'succeeded':
      if (payment.status === 'succeeded') return null;
      return { status: 'succeeded', providerPaymentId, failureCode: null, failureMessage: null };
    case 'failed':
      if (payment.status !== 'pending' && payment.status !== 'unknown') return null;
      return { status: 'failed', providerPaymentId, failureCode: answer.failureCode, failureMessage: answer.failureMessage };
    case 'ambiguous':
    case 'not_found':
      if (payment.status !== 'pending') return null;
      return {
        status: 'unknown',
        providerPaymentId,
        failureCode: null,
        failureMessage: answer.status === 'ambiguous' ? answer.message : null,
      };
  }
}

/** What may still be refunded of a payment: what it took, less refunds so far; nothing unless it succeeded. */
export function refundable(payment: Pick<PaymentRecord, 'status' | 'amount' | 'refundedAmount'>): number {
  return payment.status === 'succeeded' ? payment.amount - payment.refundedAmount : 0;
}

/** A refund of `amount` (all that remains when omitted), checked against what the payment still holds. */
export function refundAmount(
  payment: Pick<PaymentRecord, 'id' | 'status' | 'amount' | 'refundedAmount'>,
  amount: number | undefined,
): number {
  if (payment.status !== 'succeeded')
    throw new Conflict('payment_not_refundable', `Payment ${payment.id} is ${payment.status}: only a succeeded payment can be refunded.`);
  const left = refundable(payment);
  if (left === 0) throw new Conflict('payment_fully_refunded', `Payment ${payment.id} is refunded in full already.`);
  const wanted = amount ?? left;
  if (wanted > left) throw new RefundExceedsPayment(left);
  return wanted;
}

export class RefundExceedsPayment extends DomainError {
  constructor(readonly refundable: number) {
    super('validation', 'refund_exceeds_payment', `At most ${refundable} can be refunded of this payment.`, [
      { field: 'amount', message: `must not exceed ${refundable}, what the payment still holds` },
    ]);
  }
}
