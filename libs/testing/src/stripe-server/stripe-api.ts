import { StripeParam, StripeParams } from './form';
import {
  customerObject,
  invalidRequest,
  noSuch,
  paymentIntentObject,
  paymentMethodObject,
  refundObject,
  StripeErrorAnswer,
  StripeObject,
  StripeStore,
} from './stripe-objects';
import { STRIPE_TEST_TOKENS, StripeDecline, StripeTestCard } from './test-tokens';

/** The endpoints this server answers: exactly those the payments lib calls. Any other is Stripe's 404. */
export const STRIPE_ENDPOINTS = [
  'POST /v1/customers',
  'POST /v1/payment_methods/:id/attach',
  'GET /v1/payment_methods/:id',
  'POST /v1/payment_intents',
  'GET /v1/payment_intents/search',
  'GET /v1/payment_intents/:id',
  'POST /v1/refunds',
] as const;

export type StripeEndpoint = (typeof STRIPE_ENDPOINTS)[number];

export interface StripeRequestContext {
  params: StripeParams;
  /** The `:id` of the path, if any. */
  id: string | undefined;
  store: StripeStore;
  /** Declines injected by the test, by payment method id or token. */
  declines: ReadonlyMap<string, StripeDecline>;
}

export interface StripeAnswer {
  status: number;
  body: unknown;
}

/** The endpoint a method and path name, with its `:id`; undefined for any other request. */
export function routeOf(method: string, path: string): { endpoint: StripeEndpoint; id: string | undefined } | undefined {
  for (const endpoint of STRIPE_ENDPOINTS) {
    const [endpointMethod, pattern] = endpoint.split(' ');
    if (endpointMethod !== method) continue;
    const match = new RegExp(`^${pattern.replace(':id', '([A-Za-z0-9_]+)')}$`).exec(path);
    if (match) return { endpoint, id: match[1] };
  }
  return undefined;
}

export function answer(endpoint: StripeEndpoint, context: StripeRequestContext): StripeAnswer {
  try {
    return { status: 200, body: HANDLERS[endpoint](context) };
  } catch (error) {
    if (error instanceof StripeErrorAnswer) return { status: error.status, body: { error: error.error } };
    throw error;
  }
}

const HANDLERS: Record<StripeEndpoint, (context: StripeRequestContext) => unknown> = {
  'POST /v1/customers': ({ params, store }) => {
    const customer = customerObject({
      email: optionalString(params, 'email'),
      name: optionalString(params, 'name'),
      metadata: metadataOf(params),
    });
    store.customers.set(customer.id, customer);
    return customer;
  },

  'POST /v1/payment_methods/:id/attach': ({ params, id, store }) => {
    const customerId = requiredString(params, 'customer');
    if (!store.customers.has(customerId)) throw noSuch('customer', customerId, 'customer');
    const existing = store.paymentMethods.get(id!);
    if (existing) {
      if (existing.customer && existing.customer !== customerId) {
        throw invalidRequest(400, 'The payment method you provided has already been attached to a customer.', {
          code: 'payment_method_unexpected_state',
        });
      }
      existing.customer = customerId;
      return existing;
    }
    // A test token attaches as a new payment method, with an id of its own, as at Stripe.
    const card = STRIPE_TEST_TOKENS[id!];
    if (!card) throw noSuch('PaymentMethod', id!, undefined, 404);
    const method = paymentMethodObject({ ...card, token: id! }, customerId);
    store.paymentMethods.set(method.id, method);
    store.cards.set(method.id, { ...card, token: id! });
    return method;
  },

  'GET /v1/payment_methods/:id': ({ id, store }) => {
    const method = store.paymentMethods.get(id!);
    if (!method) throw noSuch('PaymentMethod', id!, undefined, 404);
    return method;
  },

  'POST /v1/payment_intents': ({ params, store, declines }) => {
    const amount = positiveInteger(params, 'amount');
    const currency = requiredString(params, 'currency');
    if (!/^[a-z]{3}$/.test(currency))
      throw invalidRequest(400, `Invalid currency: ${currency}.`, { code: 'parameter_invalid', param: 'currency' });
    if (params.confirm !== 'true')
      throw invalidRequest(400, 'This test server creates confirmed PaymentIntents only (confirm=true).', { param: 'confirm' });
    const customer = optionalString(params, 'customer') ?? null;
    if (customer !== null && !store.customers.has(customer)) throw noSuch('customer', customer, 'customer');
    const methodId = requiredString(params, 'payment_method');
    const { id: paymentMethod, card } = paymentMethodFor(methodId, store);
    const owner = store.paymentMethods.get(paymentMethod)?.customer ?? null;
    if (owner !== null && owner !== customer) {
      throw invalidRequest(400, `The provided PaymentMethod belongs to another Customer: '${owner}'.`, { param: 'payment_method' });
    }
    const decline = declines.get(paymentMethod) ?? declines.get(card.token) ?? card.decline;
    // A card that wants 3-D Secure: on session Stripe asks for it (`requires_action`); off session nobody can
    // answer, so it is declined with `authentication_required`.
    const asksAuthentication = decline?.code === 'authentication_required' && params.off_session !== 'true';
    const intent = paymentIntentObject({
      amount,
      currency,
      customer,
      paymentMethod,
      metadata: metadataOf(params),
      decline: asksAuthentication ? null : decline,
    });
    if (asksAuthentication) {
      Object.assign(intent, {
        status: 'requires_action',
        amount_received: 0,
        latest_charge: null,
        next_action: { type: 'use_stripe_sdk' },
      });
      store.paymentIntents.set(intent.id, intent);
      return intent;
    }
    store.paymentIntents.set(intent.id, intent);
    if (decline) {
      throw new StripeErrorAnswer(402, {
        type: 'card_error',
        ...decline,
        charge: intent.latest_charge,
        payment_intent: intent,
        payment_method: store.paymentMethods.get(paymentMethod),
        request_log_url: `https://dashboard.stripe.com/test/logs/${intent.id}`,
      });
    }
    return intent;
  },

  'GET /v1/payment_intents/search': ({ params, store }) => {
    const matches = searchFilter(requiredString(params, 'query'));
    const limit = params.limit === undefined ? 10 : positiveInteger(params, 'limit');
    const found = [...store.paymentIntents.values()].filter(matches).sort((a, b) => Number(b.created) - Number(a.created));
    return {
      object: 'search_result',
      data: found.slice(0, limit),
      has_more: found.length > limit,
      next_page: null,
      url: '/v1/payment_intents/search',
    };
  },

  'GET /v1/payment_intents/:id': ({ id, store }) => {
    const intent = store.paymentIntents.get(id!);
    if (!intent) throw noSuch('payment_intent', id!, 'intent', 404);
    return intent;
  },

  'POST /v1/refunds': ({ params, store }) => {
    const intentId = requiredString(params, 'payment_intent');
    const intent = store.paymentIntents.get(intentId);
    if (!intent) throw noSuch('payment_intent', intentId, 'payment_intent');
    if (intent.status !== 'succeeded') {
      throw invalidRequest(400, 'This PaymentIntent does not have a successful charge to refund.', {
        code: 'payment_intent_unexpected_state',
      });
    }
    const refunded = [...store.refunds.values()]
      .filter((refund) => refund.payment_intent === intentId)
      .reduce((sum, refund) => sum + Number(refund.amount), 0);
    const remaining = Number(intent.amount) - refunded;
    if (remaining <= 0)
      throw invalidRequest(400, `Charge ${String(intent.latest_charge)} has already been refunded.`, { code: 'charge_already_refunded' });
    const amount = params.amount === undefined ? remaining : positiveInteger(params, 'amount');
    if (amount > remaining) {
      throw invalidRequest(400, `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, {
        code: 'amount_too_large',
        param: 'amount',
      });
    }
    const refund = refundObject(intent, amount, metadataOf(params));
    store.refunds.set(refund.id, refund);
    return refund;
  },
};

function paymentMethodFor(id: string, store: StripeStore): { id: string; card: StripeTestCard & { token: string } } {
  const stored = store.cards.get(id);
  if (stored) return { id, card: stored };
  // A test token may be charged directly, without being attached: Stripe makes a payment method of it.
  const card = STRIPE_TEST_TOKENS[id];
  if (!card) throw noSuch('PaymentMethod', id, 'payment_method');
  const method = paymentMethodObject({ ...card, token: id }, null);
  store.paymentMethods.set(method.id, method);
  store.cards.set(method.id, { ...card, token: id });
  return { id: method.id, card: { ...card, token: id } };
}

/**
 * Stripe's search query language, as much as the payments lib uses: clauses `field:'value'` (or
 * `metadata['key']:'value'`) joined by AND, single-quoted values with backslash escapes.
 */
function searchFilter(query: string): (intent: StripeObject) => boolean {
  const clauses = query.split(/\s+AND\s+/).map((clause) => {
    const match = /^(?:metadata\['((?:[^'\\]|\\.)+)'\]|(status|customer|currency|amount)):'((?:[^'\\]|\\.)*)'$/.exec(clause.trim());
    if (!match) throw invalidRequest(400, `This test server cannot parse the search query clause "${clause}".`, { param: 'query' });
    const value = match[3].replace(/\\(.)/g, '$1');
    return match[1] !== undefined
      ? (intent: StripeObject) => (intent.metadata as Record<string, string>)[match[1].replace(/\\(.)/g, '$1')] === value
      : (intent: StripeObject) => String(intent[match[2]]) === value;
  });
  return (intent) => clauses.every((clause) => clause(intent));
}

function optionalString(params: StripeParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(400, `Invalid string: ${name}`, { code: 'parameter_invalid_string', param: name });
  return value;
}

function requiredString(params: StripeParams, name: string): string {
  const value = optionalString(params, name);
  if (!value) throw invalidRequest(400, `Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
  return value;
}

function positiveInteger(params: StripeParams, name: string): number {
  const raw = requiredString(params, name);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw invalidRequest(400, `Invalid integer: ${raw}`, { code: 'parameter_invalid_integer', param: name });
  }
  // Stripe's amounts have at most eight digits.
  if (name === 'amount' && value > 99_999_999)
    throw invalidRequest(400, 'Amount must be no more than 99999999.', { code: 'amount_too_large', param: name });
  if (value < 1)
    throw invalidRequest(400, `This value must be greater than or equal to 1.`, { code: 'parameter_invalid_integer', param: name });
  return value;
}

function metadataOf(params: StripeParams): Record<string, string> {
  const metadata: StripeParam | undefined = params.metadata;
  if (metadata === undefined || metadata === '') return {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw invalidRequest(400, 'Invalid metadata.', { param: 'metadata' });
  return Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, String(value)]));
}
