import { randomBytes } from 'node:crypto';
import { StripeDecline, StripeTestCard } from './test-tokens';

/** Stripe's JSON objects, as plain records: tests read any field, the server writes the ones Stripe sends. */
export type StripeObject = { id: string; object: string; [field: string]: unknown };

/** `{ error: { type, code, decline_code, message, … } }` with its HTTP status: Stripe's error answer. */
export class StripeErrorAnswer extends Error {
  constructor(
    readonly status: number,
    readonly error: { type: string; message: string; code?: string; decline_code?: string; param?: string; [field: string]: unknown },
  ) {
    super(error.message);
  }
}

export const invalidRequest = (status: number, message: string, extra: { code?: string; param?: string } = {}) =>
  new StripeErrorAnswer(status, { type: 'invalid_request_error', message, ...extra });

export const noSuch = (what: string, id: string, param?: string, status = 400) =>
  invalidRequest(status, `No such ${what}: '${id}'`, { code: 'resource_missing', ...(param ? { param } : {}) });

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An id as Stripe makes them: a prefix and 24 random base62 characters. */
export function stripeId(prefix: string): string {
  let tail = '';
  for (const byte of randomBytes(24)) tail += ALPHABET[byte % 62];
  return `${prefix}_${tail}`;
}

export const unixNow = () => Math.floor(Date.now() / 1000);

/** Everything the server holds, by id. Tests may read it (`server.store.paymentIntents`) and must not write it. */
export class StripeStore {
  readonly customers = new Map<string, StripeObject>();
  readonly paymentMethods = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  /** The test card behind each payment method the server made (not part of Stripe's JSON). */
  readonly cards = new Map<string, StripeTestCard & { token: string }>();

  clear(): void {
    for (const map of [this.customers, this.paymentMethods, this.paymentIntents, this.refunds, this.cards]) map.clear();
  }
}

export function customerObject(params: { email?: string; name?: string; metadata: Record<string, string> }): StripeObject {
  return {
    id: stripeId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: unixNow(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: params.email ?? null,
    invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: params.metadata,
    name: params.name ?? null,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function paymentMethodObject(card: StripeTestCard & { token: string }, customer: string | null): StripeObject {
  return {
    id: stripeId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 3,
      fingerprint: randomBytes(8).toString('hex'),
      funding: card.funding,
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: unixNow(),
    customer,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

export function paymentIntentObject(params: {
  amount: number;
  currency: string;
  customer: string | null;
  paymentMethod: string;
  metadata: Record<string, string>;
  decline: StripeDecline | null;
}): StripeObject {
  const id = stripeId('pi');
  const charge = stripeId('ch');
  const error = params.decline
    ? {
        type: 'card_error',
        charge,
        ...params.decline,
        doc_url: `https://docs.stripe.com/error-codes/${params.decline.code.replace(/_/g, '-')}`,
      }
    : null;
  return {
    id,
    object: 'payment_intent',
    amount: params.amount,
    amount_capturable: 0,
    amount_received: error ? 0 : params.amount,
    application: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${stripeId('x').slice(2)}`,
    confirmation_method: 'automatic',
    created: unixNow(),
    currency: params.currency,
    customer: params.customer,
    description: null,
    last_payment_error: error,
    latest_charge: charge,
    livemode: false,
    metadata: params.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: params.paymentMethod,
    payment_method_types: ['card'],
    processing: null,
    receipt_email: null,
    setup_future_usage: null,
    status: error ? 'requires_payment_method' : 'succeeded',
  };
}

export function refundObject(intent: StripeObject, amount: number, metadata: Record<string, string>): StripeObject {
  return {
    id: stripeId('re'),
    object: 'refund',
    amount,
    balance_transaction: stripeId('txn'),
    charge: intent.latest_charge,
    created: unixNow(),
    currency: intent.currency,
    destination_details: {
      card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
      type: 'card',
    },
    metadata,
    payment_intent: intent.id,
    reason: null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}
