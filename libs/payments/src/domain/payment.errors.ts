import { DomainError } from '@billing/kernel';

/**
 * The provider has no payment method by that token or id (Stripe: `resource_missing`). Raised by
 * `attachPaymentMethod` and `getPaymentMethod`; the API answers 422 naming `provider_token`.
 */
export class UnknownPaymentMethod extends DomainError {
  constructor(readonly token: string) {
    super('validation', 'unknown_payment_method', `The payment provider knows no payment method "${token}".`, [
      { field: 'provider_token', message: `no payment method "${token}" at the payment provider` },
    ]);
  }
}

/** The provider refused the card when it was attached (Stripe checks some cards then): 422 with Stripe's reason. */
export class PaymentMethodDeclined extends DomainError {
  constructor(
    readonly failureCode: string,
    readonly failureMessage: string,
  ) {
    super('validation', 'payment_method_declined', `The payment method was declined (${failureCode}): ${failureMessage}`, [
      { field: 'provider_token', message: failureMessage },
    ]);
  }
}

/**
 * The provider could not be reached or answered 5xx/429 to a call that moves no money (customer, attach,
 * lookup). 503: the same call with the same idempotency key is safe to retry.
 */
export class PaymentProviderUnavailable extends DomainError {
  constructor(detail: string) {
    super('unavailable', 'payment_provider_unavailable', `The payment provider is unavailable: ${detail}`);
  }
}

/**
 * The provider refused the request for a reason on our side, which no retry mends: a wrong or revoked secret
 * key, a missing permission, an idempotency key reused with other parameters (a bug: two different requests
 * derived the same key), or a request the provider finds invalid where no customer fault is possible. Not a
 * DomainError: it is a 500 and an error in the logs, never a refused payment charged to the customer.
 */
export class PaymentProviderFault extends Error {
  constructor(
    readonly code: PaymentProviderFaultCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type PaymentProviderFaultCode =
  'provider_authentication_failed' | 'provider_permission_denied' | 'idempotency_key_reused' | 'provider_request_invalid';
