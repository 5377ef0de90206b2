/**
 * Why a charge failed, in Stripe's words (a card error's `decline_code` when it is specific, else its `code`:
 * see adapters/stripe-outcomes.ts), and what that means for dunning. Both adapters answer these codes, so a
 * payment's `failure_code` reads the same on Stripe and on the sandbox.
 *
 * `retry`: whether a later attempt on the same card may succeed (Stripe's advice on issuer declines: insufficient
 * funds or a generic decline may clear; a lost, stolen or expired card never will). `action`: what the customer
 * has to do before a retry can help.
 */
export interface FailureCodeInfo {
  message: string;
  retry: boolean;
  action: 'none' | 'update_payment_method' | 'authenticate';
}

export const failureCodes = {
  card_declined: { message: 'Your card was declined.', retry: true, action: 'none' },
  insufficient_funds: { message: 'Your card has insufficient funds.', retry: true, action: 'none' },
  expired_card: { message: 'Your card has expired.', retry: false, action: 'update_payment_method' },
  authentication_required: {
    message: 'Your card was declined. This transaction requires authentication.',
    retry: false,
    action: 'authenticate',
  },
  incorrect_cvc: { message: "Your card's security code is incorrect.", retry: false, action: 'update_payment_method' },
  incorrect_number: { message: 'Your card number is incorrect.', retry: false, action: 'update_payment_method' },
  processing_error: { message: 'An error occurred while processing your card. Try again in a little bit.', retry: true, action: 'none' },
  do_not_honor: { message: 'Your card was declined.', retry: true, action: 'none' },
  try_again_later: { message: 'Your card was declined. Try again later.', retry: true, action: 'none' },
  lost_card: { message: 'Your card was declined.', retry: false, action: 'update_payment_method' },
  stolen_card: { message: 'Your card was declined.', retry: false, action: 'update_payment_method' },
  fraudulent: { message: 'Your card was declined.', retry: false, action: 'update_payment_method' },
  /** The payment method no longer exists at the provider (detached, or never attached to this customer). */
  resource_missing: { message: 'The payment method is no longer available.', retry: false, action: 'update_payment_method' },
  /** The amount cannot be charged through the provider (below its minimum, or not representable in the currency). */
  invalid_charge_amount: { message: 'The amount cannot be charged.', retry: false, action: 'none' },
  amount_too_small: { message: 'The amount is below the minimum the provider charges.', retry: false, action: 'none' },
} as const satisfies Record<string, FailureCodeInfo>;

export type KnownFailureCode = keyof typeof failureCodes;

/**
 * A failure code's meaning; for a code the table does not know (Stripe has dozens of decline codes), a
 * generic decline: retried on the dunning schedule, the provider's own message kept on the payment.
 */
export function describeFailure(code: string): FailureCodeInfo {
  return Object.hasOwn(failureCodes, code)
    ? failureCodes[code as KnownFailureCode]
    : { message: 'The payment failed.', retry: true, action: 'none' };
}

/**
 * The failure code of a Stripe card error: its `decline_code` when the issuer gave a specific one
 * (`insufficient_funds`), else its `code` (`card_declined` for a generic decline, `expired_card`,
 * `authentication_required`). So a generic decline reads `card_declined`, as Stripe's own dashboard shows it.
 */
export function failureCodeOf(error: { code?: string | null; declineCode?: string | null }): string {
  if (error.declineCode && error.declineCode !== 'generic_decline') return error.declineCode;
  return error.code || 'card_declined';
}
