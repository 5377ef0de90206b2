import Stripe from 'stripe';
import { AmbiguityReason, ChargeOutcome } from '../domain/payment-provider';
import { failureCodeOf } from '../domain/failure-codes';
import { PaymentProviderFault, PaymentProviderFaultCode } from '../domain/payment.errors';

/**
 * What a Stripe SDK error means for us. Every error the SDK throws falls in one of these; anything else (a bug
 * of ours) is rethrown as it is.
 *
 * | SDK error                                   | means                                                            |
 * |---------------------------------------------|------------------------------------------------------------------|
 * | StripeCardError (402)                       | `declined`: the issuer or Stripe refused the card                |
 * | StripeConnectionError (network, timeout)    | `ambiguous`: the request may have been processed                 |
 * | StripeAPIError (5xx, 409 key in progress)   | `ambiguous`                                                      |
 * | StripeRateLimitError (429)                  | `ambiguous` (after the SDK's retries)                            |
 * | StripeInvalidRequestError (400, 404)        | `invalid`: processed and refused, nothing done (`resource_missing`…) |
 * | StripeIdempotencyError (400)                | `fault`: our key was reused with other parameters                |
 * | StripeAuthenticationError, StripePermissionError | `fault`: the secret key is wrong or lacks a permission      |
 */
export type StripeErrorMeaning =
  | { kind: 'declined'; failureCode: string; failureMessage: string; providerPaymentId: string | null }
  | { kind: 'ambiguous'; reason: AmbiguityReason; message: string }
  | { kind: 'invalid'; code: string; message: string; param: string | null; providerPaymentId: string | null }
  | { kind: 'fault'; fault: PaymentProviderFault };

export function meaningOf(error: unknown): StripeErrorMeaning {
  const errors = Stripe.errors;
  if (!(error instanceof errors.StripeError)) throw error;
  const message = error.message || error.type;
  if (error instanceof errors.StripeCardError) {
    return {
      kind: 'declined',
      failureCode: failureCodeOf({ code: error.code, declineCode: error.decline_code }),
      failureMessage: message,
      providerPaymentId: error.payment_intent?.id ?? null,
    };
  }
  if (error instanceof errors.StripeConnectionError) {
    const timedOut = typeof error.detail === 'object' && (error.detail as { code?: string } | undefined)?.code === 'ETIMEDOUT';
    return { kind: 'ambiguous', reason: timedOut ? 'timeout' : 'network', message };
  }
  if (error instanceof errors.StripeRateLimitError) return { kind: 'ambiguous', reason: 'rate_limited', message };
  if (error instanceof errors.StripeAPIError) return { kind: 'ambiguous', reason: 'provider_error', message };
  if (error instanceof errors.StripeIdempotencyError) return fault('idempotency_key_reused', message);
  if (error instanceof errors.StripeAuthenticationError) return fault('provider_authentication_failed', message);
  if (error instanceof errors.StripePermissionError) return fault('provider_permission_denied', message);
  if (error instanceof errors.StripeInvalidRequestError) {
    return {
      kind: 'invalid',
      code: error.code ?? 'invalid_request',
      message,
      param: error.param ?? null,
      providerPaymentId: error.payment_intent?.id ?? null,
    };
  }
  return fault('provider_request_invalid', message);
}

function fault(code: PaymentProviderFaultCode, message: string): StripeErrorMeaning {
  return { kind: 'fault', fault: new PaymentProviderFault(code, `Stripe: ${message}`) };
}

/**
 * A charge's outcome from its PaymentIntent, as `charge` gets it back or `findCharge` reads it later. With
 * `confirm` and `off_session` a card PaymentIntent ends `succeeded` or, declined, `requires_payment_method`
 * with its `last_payment_error`; `processing` (not for cards, but possible for other methods) is not settled.
 */
export function outcomeOfPaymentIntent(intent: Stripe.PaymentIntent): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', providerPaymentId: intent.id, providerChargeId: idOf(intent.latest_charge) };
    case 'processing':
    case 'requires_capture':
      return {
        status: 'ambiguous',
        providerPaymentId: intent.id,
        reason: 'processing',
        message: `The PaymentIntent is ${intent.status}.`,
      };
    default: {
      const error = intent.last_payment_error;
      return {
        status: 'failed',
        providerPaymentId: intent.id,
        failureCode: error
          ? failureCodeOf({ code: error.code, declineCode: error.decline_code })
          : intent.status === 'requires_action'
            ? 'authentication_required'
            : `payment_intent_${intent.status}`,
        failureMessage: error?.message ?? `The PaymentIntent is ${intent.status}.`,
      };
    }
  }
}

function idOf(value: string | { id: string } | null): string | null {
  return value === null ? null : typeof value === 'string' ? value : value.id;
}
