import type { PaymentMethodRecord } from '../persistence/payment-methods';

/** A payment method as the API shows it: enough to recognise the card, never the card itself. */
export interface PaymentMethodView {
  id: string;
  object: 'payment_method';
  account_id: string;
  provider: string;
  provider_payment_method_id: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  default: boolean;
  created_at: string;
}

export function toPaymentMethodView(method: PaymentMethodRecord): PaymentMethodView {
  return {
    id: method.id,
    object: 'payment_method',
    account_id: method.accountId,
    provider: method.provider,
    provider_payment_method_id: method.providerPaymentMethodId,
    brand: method.brand,
    last4: method.last4,
    exp_month: method.expMonth,
    exp_year: method.expYear,
    default: method.isDefault,
    created_at: method.createdAt.toISOString(),
  };
}
