/**
 * Stripe's test payment method tokens (https://docs.stripe.com/testing#declined-payments) and what Stripe
 * answers when one is charged: the sandbox's whole behaviour. A token attaches to a customer as a new payment
 * method and keeps its behaviour; `decline` is Stripe's card error (`code`, `decline_code`, message).
 */
export interface TestCard {
  brand: string;
  last4: string;
  decline: { code: string; declineCode: string; message: string } | null;
}

const declined = (code: string, declineCode: string, message: string) => ({ code, declineCode, message });

export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { brand: 'visa', last4: '4242', decline: null },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', decline: null },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', decline: null },
  pm_card_amex: { brand: 'amex', last4: '0005', decline: null },
  pm_card_chargeDeclined: {
    brand: 'visa',
    last4: '0002',
    decline: declined('card_declined', 'generic_decline', 'Your card was declined.'),
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    decline: declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: 'visa',
    last4: '0069',
    decline: declined('expired_card', 'expired_card', 'Your card has expired.'),
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    brand: 'visa',
    last4: '0127',
    decline: declined('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  },
  pm_card_chargeDeclinedProcessingError: {
    brand: 'visa',
    last4: '0119',
    decline: declined('processing_error', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.'),
  },
  /** Stripe's card for "attaching succeeds, charging fails". */
  pm_card_chargeCustomerFail: {
    brand: 'visa',
    last4: '0341',
    decline: declined('card_declined', 'generic_decline', 'Your card was declined.'),
  },
  /** Requires 3-D Secure on every payment: off-session, Stripe declines it. */
  pm_card_authenticationRequired: {
    brand: 'visa',
    last4: '3184',
    decline: declined(
      'authentication_required',
      'authentication_required',
      'Your card was declined. This transaction requires authentication.',
    ),
  },
};

/** Test cards expire in December, a few years ahead (Stripe accepts any future date for them). */
export function testCardExpiry(now: Date): { expMonth: number; expYear: number } {
  return { expMonth: 12, expYear: now.getUTCFullYear() + 3 };
}
