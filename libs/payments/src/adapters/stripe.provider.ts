import Stripe from 'stripe';
import {
  ChargeLookup,
  ChargeOutcome,
  ChargeParams,
  CreateCustomerParams,
  FindChargeParams,
  PaymentMethodDetails,
  PaymentProvider,
  ProviderCustomer,
  RefundOutcome,
  RefundParams,
} from '../domain/payment-provider';
import { PaymentMethodDeclined, PaymentProviderFault, PaymentProviderUnavailable, UnknownPaymentMethod } from '../domain/payment.errors';
import { toStripeAmount } from './stripe-amount';
import { createStripeClient, StripeClientOptions } from './stripe-client';
import { meaningOf, outcomeOfPaymentIntent } from './stripe-outcomes';

/**
 * The port on Stripe, through the official SDK. It calls exactly these endpoints:
 *
 *   POST /v1/customers                       createCustomer
 *   POST /v1/payment_methods/{id}/attach     attachPaymentMethod
 *   GET  /v1/payment_methods/{id}            getPaymentMethod
 *   POST /v1/payment_intents                 charge (confirm, off_session)
 *   GET  /v1/payment_intents/{id}            findCharge, by the PaymentIntent's id
 *   GET  /v1/payment_intents/search          findCharge, by metadata['payment_id']
 *   POST /v1/refunds                         refund
 *
 * Every POST carries our idempotency key (the SDK's `idempotencyKey` option, which its retries reuse). Errors
 * mean what stripe-outcomes.ts says: `charge` and `refund` answer an outcome, the other calls throw typed errors.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(options: StripeClientOptions) {
    this.stripe = createStripeClient(options);
  }

  async createCustomer(params: CreateCustomerParams, idempotencyKey: string): Promise<ProviderCustomer> {
    try {
      const customer = await this.stripe.customers.create(
        { name: params.name, ...(params.email ? { email: params.email } : {}), metadata: { account_id: params.accountId } },
        { idempotencyKey },
      );
      return { customerId: customer.id };
    } catch (error) {
      throw thrownFor(error, null);
    }
  }

  async attachPaymentMethod(customerId: string, token: string, idempotencyKey: string): Promise<PaymentMethodDetails> {
    try {
      return detailsOf(await this.stripe.paymentMethods.attach(token, { customer: customerId }, { idempotencyKey }));
    } catch (error) {
      throw thrownFor(error, token);
    }
  }

  async getPaymentMethod(paymentMethodId: string): Promise<PaymentMethodDetails> {
    try {
      return detailsOf(await this.stripe.paymentMethods.retrieve(paymentMethodId));
    } catch (error) {
      throw thrownFor(error, paymentMethodId);
    }
  }

  async charge(params: ChargeParams, idempotencyKey: string): Promise<ChargeOutcome> {
    const amount = toStripeAmount(params.amount, params.currency);
    if (!amount.ok)
      return { status: 'failed', providerPaymentId: null, failureCode: 'invalid_charge_amount', failureMessage: amount.message };
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: amount.amount,
          currency: amount.currency,
          customer: params.customerId,
          payment_method: params.paymentMethodId,
          // Nobody is there to follow a redirect: without this, Stripe asks a confirmed PaymentIntent for a
          // return_url in case its payment method redirects (its recipe for server-side confirmation).
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          confirm: true,
          off_session: true,
          metadata: { payment_id: params.paymentId, invoice_id: params.invoiceId },
        },
        { idempotencyKey },
      );
      return outcomeOfPaymentIntent(intent);
    } catch (error) {
      const meaning = meaningOf(error);
      switch (meaning.kind) {
        case 'declined':
          return {
            status: 'failed',
            providerPaymentId: meaning.providerPaymentId,
            failureCode: meaning.failureCode,
            failureMessage: meaning.failureMessage,
          };
        // Stripe processed the request and refused it (a detached payment method, an amount below its
        // minimum): nothing was charged, and the same request would be refused again.
        case 'invalid':
          return {
            status: 'failed',
            providerPaymentId: meaning.providerPaymentId,
            failureCode: meaning.code,
            failureMessage: meaning.message,
          };
        case 'ambiguous':
          return { status: 'ambiguous', providerPaymentId: null, reason: meaning.reason, message: meaning.message };
        case 'fault':
          throw meaning.fault;
      }
    }
  }

  async findCharge(params: FindChargeParams): Promise<ChargeLookup> {
    try {
      if (params.providerPaymentId) {
        const byId = await this.retrieveIntent(params.providerPaymentId);
        if (byId) return outcomeOfPaymentIntent(byId);
      }
      // Stripe's search trails writes (new objects are searchable "generally within a minute"), so `not_found`
      // for a charge sent moments ago proves nothing: reconcile payments older than that, or send the same
      // charge again with the same idempotency key, which Stripe answers from its own record for 24 hours.
      const found = await this.stripe.paymentIntents.search({ query: `metadata['payment_id']:'${quoted(params.paymentId)}'` });
      const intent = mostTelling(found.data.filter((candidate) => candidate.metadata?.payment_id === params.paymentId));
      return intent ? outcomeOfPaymentIntent(intent) : { status: 'not_found' };
    } catch (error) {
      const meaning = meaningOf(error);
      switch (meaning.kind) {
        case 'ambiguous':
          return {
            status: 'ambiguous',
            providerPaymentId: params.providerPaymentId ?? null,
            reason: meaning.reason,
            message: meaning.message,
          };
        case 'fault':
          throw meaning.fault;
        default:
          // A GET refused (not a missing object, which reads as not found): our request is wrong.
          throw new PaymentProviderFault('provider_request_invalid', `Stripe refused the lookup: ${(error as Error).message}`);
      }
    }
  }

  async refund(params: RefundParams, idempotencyKey: string): Promise<RefundOutcome> {
    const amount = toStripeAmount(params.amount, params.currency);
    if (!amount.ok) return { status: 'failed', failureCode: 'invalid_refund_amount', failureMessage: amount.message };
    try {
      const refund = await this.stripe.refunds.create(
        { payment_intent: params.providerPaymentId, amount: amount.amount, metadata: { refund_id: params.refundId } },
        { idempotencyKey },
      );
      switch (refund.status) {
        case 'succeeded':
          return { status: 'succeeded', providerRefundId: refund.id };
        case 'failed':
        case 'canceled':
          return {
            status: 'failed',
            failureCode: refund.failure_reason ?? `refund_${refund.status}`,
            failureMessage: `The refund is ${refund.status}.`,
          };
        default:
          // pending or requires_action: accepted, settled later (Stripe's charge.refund.updated webhook).
          return { status: 'pending', providerRefundId: refund.id };
      }
    } catch (error) {
      const meaning = meaningOf(error);
      switch (meaning.kind) {
        case 'declined':
          return { status: 'failed', failureCode: meaning.failureCode, failureMessage: meaning.failureMessage };
        // Processed and refused: more than remains (`amount_too_large`), already refunded, not a succeeded payment.
        case 'invalid':
          return { status: 'failed', failureCode: meaning.code, failureMessage: meaning.message };
        case 'ambiguous':
          return { status: 'ambiguous', reason: meaning.reason, message: meaning.message };
        case 'fault':
          throw meaning.fault;
      }
    }
  }

  private async retrieveIntent(id: string): Promise<Stripe.PaymentIntent | null> {
    try {
      return await this.stripe.paymentIntents.retrieve(id);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing') return null;
      throw error;
    }
  }
}

/** The typed error a call that moves no money throws for a Stripe error; `paymentMethod` names what was asked for. */
function thrownFor(error: unknown, paymentMethod: string | null): Error {
  const meaning = meaningOf(error);
  switch (meaning.kind) {
    case 'declined':
      return new PaymentMethodDeclined(meaning.failureCode, meaning.failureMessage);
    case 'ambiguous':
      return new PaymentProviderUnavailable(meaning.message);
    case 'fault':
      return meaning.fault;
    case 'invalid':
      // An unknown token or id: Stripe's 404 (in the path) or 400 (in a parameter) `resource_missing`.
      if (paymentMethod !== null && meaning.code === 'resource_missing' && (meaning.param === null || meaning.param === 'payment_method')) {
        return new UnknownPaymentMethod(paymentMethod);
      }
      return new PaymentProviderFault('provider_request_invalid', `Stripe refused the request: ${meaning.message}`);
  }
}

function detailsOf(method: Stripe.PaymentMethod): PaymentMethodDetails {
  if (!method.card)
    throw new PaymentProviderFault('provider_request_invalid', `Payment method ${method.id} is a ${method.type}, not a card.`);
  return {
    id: method.id,
    customerId: typeof method.customer === 'string' ? method.customer : (method.customer?.id ?? null),
    brand: method.card.brand,
    last4: method.card.last4,
    expMonth: method.card.exp_month,
    expYear: method.card.exp_year,
  };
}

/** Quotes a value for Stripe's search query language, whose strings are single-quoted with backslash escapes. */
function quoted(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/**
 * One payment has one PaymentIntent (its key makes sure), but a search may find more if someone charged it
 * with another key: the one that took money tells the truth, else one still processing, else the latest.
 */
function mostTelling(intents: Stripe.PaymentIntent[]): Stripe.PaymentIntent | undefined {
  const rank = (intent: Stripe.PaymentIntent) => (intent.status === 'succeeded' ? 2 : intent.status === 'processing' ? 1 : 0);
  return [...intents].sort((a, b) => rank(b) - rank(a) || b.created - a.created)[0];
}
