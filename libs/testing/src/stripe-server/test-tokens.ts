/**
 * Stripe's test payment method tokens, as Stripe documents them (https://docs.stripe.com/testing): the card each
 * stands for and the card error Stripe answers when it is charged. Kept apart from the sandbox's table in
 * libs/payments on purpose: this server plays Stripe, so a mistake in our adapter's table shows as a difference.
 */
export interface StripeDecline {
  code: string;
  decline_code?: string;
  message: string;
}

export interface StripeTestCard {
  brand: string;
  last4: string;
  funding: 'credit' | 'debit';
  /** What a charge on it answers; null: it succeeds. */
  decline: StripeDecline | null;
}

const card = (
  brand: string,
  last4: string,
  decline: StripeDecline | null = null,
  funding: 'credit' | 'debit' = 'credit',
): StripeTestCard => ({
  brand,
  last4,
  funding,
  decline,
});

export const STRIPE_TEST_TOKENS: Readonly<Record<string, StripeTestCard>> = {
  pm_card_visa: card('visa', '4242'),
  pm_card_visa_debit: card('visa', '5556', null, 'debit'),
  pm_card_mastercard: card('mastercard', '4444'),
  pm_card_amex: card('amex', '0005'),
  pm_card_chargeDeclined: card('visa', '0002', {
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
  }),
  pm_card_chargeDeclinedInsufficientFunds: card('visa', '9995', {
    code: 'card_declined',
    decline_code: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  }),
  pm_card_chargeDeclinedExpiredCard: card('visa', '0069', {
    code: 'expired_card',
    decline_code: 'expired_card',
    message: 'Your card has expired.',
  }),
  pm_card_chargeDeclinedIncorrectCvc: card('visa', '0127', {
    code: 'incorrect_cvc',
    decline_code: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  }),
  pm_card_chargeDeclinedProcessingError: card('visa', '0119', {
    code: 'processing_error',
    decline_code: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  }),
  pm_card_chargeCustomerFail: card('visa', '0341', {
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
  }),
  pm_card_authenticationRequired: card('visa', '3184', {
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  }),
};
