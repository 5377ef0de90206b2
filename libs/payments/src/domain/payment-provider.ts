/**
 * The payment provider port: what the platform asks of Stripe (or of the built-in sandbox), in our terms.
 * Pure types: the adapters (adapters/stripe.provider.ts, adapters/sandbox.provider.ts) implement it, the
 * payment commands and sagas will depend on it alone.
 *
 * Money moves only in `charge` and `refund`, so they answer an outcome instead of throwing: a caller must
 * handle `ambiguous` (the provider may or may not have acted) differently from `failed` (it did not, and
 * said why). The other calls move no money; their errors are thrown, typed (payment.errors.ts), and are
 * safe to retry with the same idempotency key.
 *
 * Every call that creates something takes an idempotency key derived from our own ids (idempotency-keys.ts):
 * the same key always gets the first answer, whichever process retries, so a retried job never charges twice.
 */
export interface PaymentProvider {
  /** `stripe` or `sandbox`: the payment object's `provider`. */
  readonly name: PaymentProviderName;

  /** A customer at the provider for one of our accounts (key: `customer_<accountId>`). Store its id on the account. */
  createCustomer(params: CreateCustomerParams, idempotencyKey: string): Promise<ProviderCustomer>;

  /**
   * Attaches a payment method token (from Stripe.js, or a test token such as `pm_card_visa`) to the customer
   * and answers the attached method, whose id is the one to charge (Stripe gives a test token a new id).
   * An unknown token throws UnknownPaymentMethod (422); a card refused at attach, PaymentMethodDeclined (422).
   */
  attachPaymentMethod(customerId: string, token: string, idempotencyKey: string): Promise<PaymentMethodDetails>;

  /** The attached method's card details; UnknownPaymentMethod when the provider has no such method. */
  getPaymentMethod(paymentMethodId: string): Promise<PaymentMethodDetails>;

  /** Charges the customer's method off-session, at once (a Stripe PaymentIntent with `confirm`, `off_session`). */
  charge(params: ChargeParams, idempotencyKey: string): Promise<ChargeOutcome>;

  /**
   * What became of a charge whose outcome we did not hear (reconciliation of `unknown` payments): by the
   * provider's id when we have it, else by our payment id (Stripe: a search on `metadata['payment_id']`).
   * `not_found` means the provider has no such charge, as far as it can tell (see the Stripe adapter on
   * search freshness): sending the same `charge` again with the same key is then the safe way to settle it.
   */
  findCharge(params: FindChargeParams): Promise<ChargeLookup>;

  /** Refunds `amount` of a succeeded charge (key: `refund_<refundId>`). */
  refund(params: RefundParams, idempotencyKey: string): Promise<RefundOutcome>;
}

export type PaymentProviderName = 'stripe' | 'sandbox';

export interface CreateCustomerParams {
  accountId: string;
  email: string | null;
  name: string;
}

export interface ProviderCustomer {
  customerId: string;
}

/** A card as the provider describes it: enough to show ("Visa •••• 4242, 12/2030") and to warn before it expires. */
export interface PaymentMethodDetails {
  id: string;
  /** The customer it is attached to; null when it is attached to none. */
  customerId: string | null;
  /** Stripe's card brand: `visa`, `mastercard`, `amex`, `discover`, … */
  brand: string;
  last4: string;
  /** 1–12. */
  expMonth: number;
  expYear: number;
}

export interface ChargeParams {
  /** Our payment's id: one payment is one attempt of one invoice, so its key is `payment_<paymentId>`. */
  paymentId: string;
  invoiceId: string;
  /** Minor units of `currency` as the platform counts them (ISO 4217 exponents); the adapter converts. */
  amount: number;
  /** ISO 4217, upper case as the API speaks it. */
  currency: string;
  customerId: string;
  paymentMethodId: string;
}

/** The provider took the money. */
export interface ChargeSucceeded {
  status: 'succeeded';
  providerPaymentId: string;
  /** Stripe's charge (`ch_…`) behind the PaymentIntent, when it says. */
  providerChargeId: string | null;
}

/** The provider refused, definitively for this attempt: nothing was taken. */
export interface ChargeFailed {
  status: 'failed';
  /** The PaymentIntent left behind by a decline, when there is one. */
  providerPaymentId: string | null;
  /** Stripe's name for the reason: `card_declined`, `insufficient_funds`, `expired_card`, … (failure-codes.ts). */
  failureCode: string;
  failureMessage: string;
}

/**
 * We do not know whether money moved: the network failed, the provider timed out or answered 5xx/429 after
 * the retries, or the payment is still processing. Never record this as failed (a retry with a new key could
 * charge twice): the payment stays `unknown` until `findCharge` or a retry with the same key settles it.
 */
export interface ChargeAmbiguous {
  status: 'ambiguous';
  providerPaymentId: string | null;
  reason: AmbiguityReason;
  message: string;
}

export type AmbiguityReason =
  /** The connection failed or was closed before an answer. */
  | 'network'
  /** No answer within the client's timeout. */
  | 'timeout'
  /** The provider answered 5xx (or 409: the same key is being processed by another request). */
  | 'provider_error'
  /** 429 after the retries. */
  | 'rate_limited'
  /** The provider has the payment and has not settled it yet (PaymentIntent `processing`). */
  | 'processing';

export type ChargeOutcome = ChargeSucceeded | ChargeFailed | ChargeAmbiguous;

export interface FindChargeParams {
  providerPaymentId?: string | null;
  paymentId: string;
}

export type ChargeLookup = ChargeOutcome | { status: 'not_found' };

export interface RefundParams {
  /** The PaymentIntent (`pi_…`) of the succeeded charge. */
  providerPaymentId: string;
  /** Minor units, as for `charge`; the caller checks it against what remains refundable. */
  amount: number;
  /** The payment's currency (ISO 4217): Stripe's unit differs from ISO's for a few, so the amount is converted. */
  currency: string;
  /** Our refund's id: the key is `refund_<refundId>`, and Stripe's refund carries it as metadata. */
  refundId: string;
}

export type RefundOutcome =
  /** Refunded (Stripe `succeeded`), or accepted and on its way (`pending`: a webhook settles it). */
  | { status: 'succeeded' | 'pending'; providerRefundId: string }
  /** Refused, nothing refunded: `amount_too_large`, `charge_already_refunded`, … */
  | { status: 'failed'; failureCode: string; failureMessage: string }
  | { status: 'ambiguous'; reason: AmbiguityReason; message: string };
