import type { PaymentRecord } from '../domain/payment';

/** A payment as the API shows it (API.md, "Payment object"), and the payload of its events. */
export interface PaymentView {
  id: string;
  object: 'payment';
  invoice_id: string;
  account_id: string;
  amount: number;
  currency: string;
  status: PaymentRecord['status'];
  provider: PaymentRecord['provider'];
  provider_payment_id: string | null;
  failure_code: string | null;
  failure_message: string | null;
  attempt: number;
  refunded_amount: number;
  created_at: string;
}

export function toPaymentView(payment: PaymentRecord): PaymentView {
  return {
    id: payment.id,
    object: 'payment',
    invoice_id: payment.invoiceId,
    account_id: payment.accountId,
    amount: payment.amount,
    currency: payment.currency,
    status: payment.status,
    provider: payment.provider,
    provider_payment_id: payment.providerPaymentId,
    failure_code: payment.failureCode,
    failure_message: payment.failureMessage,
    attempt: payment.attempt,
    refunded_amount: payment.refundedAmount,
    created_at: payment.createdAt.toISOString(),
  };
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'payment.succeeded': PaymentView;
    'payment.failed': PaymentView;
    'payment.refunded': PaymentView;
  }
}
