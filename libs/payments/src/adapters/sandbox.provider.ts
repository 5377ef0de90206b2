import { createHash } from 'node:crypto';
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
import { failureCodeOf } from '../domain/failure-codes';
import { PaymentProviderFault, UnknownPaymentMethod } from '../domain/payment.errors';
import { toStripeAmount } from './stripe-amount';
import { TEST_CARDS, TestCard, testCardExpiry } from './test-cards';

/**
 * The built-in provider when no Stripe key is configured: no network, Stripe's test tokens with Stripe's
 * outcomes (test-cards.ts), and Stripe's idempotency: the same key answers the first result, a decline or an
 * error included, and the same key with other parameters is refused as Stripe refuses it. So the exactly-once
 * behaviour a test checks on Stripe holds here too.
 *
 * Its memory is its process's, while the api and the scheduler are separate processes (a card attached through
 * the api is charged by the scheduler). So what another process must know is in the ids themselves, derived
 * from the idempotency key: an attached method's id names its test card (`pm_sandbox_<card>_<hash>`), and a
 * charge's outcome follows from its method alone, so the same key answers the same everywhere. What only memory
 * holds is checked when this process knows it and accepted otherwise: `findCharge` finds the charges this process
 * made (a sandbox charge is never ambiguous, so only a crash mid-charge needs it; then the same charge sent
 * again answers the same), and `refund` limits refunds of charges it made to what they took.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  private readonly answers = new Map<string, { request: string; result: Settled; at: number }>();
  private readonly charges = new Map<string, SandboxCharge>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async createCustomer(params: CreateCustomerParams, idempotencyKey: string): Promise<ProviderCustomer> {
    return this.once(idempotencyKey, 'createCustomer', params, () => ({ customerId: `cus_sandbox_${digest(idempotencyKey)}` }));
  }

  async attachPaymentMethod(customerId: string, token: string, idempotencyKey: string): Promise<PaymentMethodDetails> {
    return this.once(idempotencyKey, 'attachPaymentMethod', { customerId, token }, () => {
      const card = cardOf(token);
      if (!card) throw new UnknownPaymentMethod(token);
      const id = token.startsWith('pm_sandbox_') ? token : `pm_sandbox_${card.name}_${digest(idempotencyKey)}`;
      return { id, customerId, brand: card.brand, last4: card.last4, ...testCardExpiry(this.now()) };
    });
  }

  /** From the id alone (see above), so the customer it is attached to is not known: `customerId` is null. */
  async getPaymentMethod(paymentMethodId: string): Promise<PaymentMethodDetails> {
    const card = cardOf(paymentMethodId);
    if (!card) throw new UnknownPaymentMethod(paymentMethodId);
    return { id: paymentMethodId, customerId: null, brand: card.brand, last4: card.last4, ...testCardExpiry(this.now()) };
  }

  async charge(params: ChargeParams, idempotencyKey: string): Promise<ChargeOutcome> {
    return this.once(idempotencyKey, 'charge', params, (): ChargeOutcome => {
      const amount = toStripeAmount(params.amount, params.currency);
      if (!amount.ok)
        return { status: 'failed', providerPaymentId: null, failureCode: 'invalid_charge_amount', failureMessage: amount.message };
      const card = cardOf(params.paymentMethodId);
      if (!card) {
        return {
          status: 'failed',
          providerPaymentId: null,
          failureCode: 'resource_missing',
          failureMessage: `No such PaymentMethod: '${params.paymentMethodId}'`,
        };
      }
      const providerPaymentId = `pi_sandbox_${digest(idempotencyKey)}`;
      const outcome: ChargeOutcome = card.decline
        ? { status: 'failed', providerPaymentId, failureCode: failureCodeOf(card.decline), failureMessage: card.decline.message }
        : { status: 'succeeded', providerPaymentId, providerChargeId: `ch_sandbox_${digest(idempotencyKey)}` };
      this.charges.set(providerPaymentId, { paymentId: params.paymentId, amount: params.amount, refunded: 0, outcome });
      return outcome;
    });
  }

  async findCharge(params: FindChargeParams): Promise<ChargeLookup> {
    const byId = params.providerPaymentId ? this.charges.get(params.providerPaymentId) : undefined;
    const charge = byId ?? [...this.charges.values()].find((candidate) => candidate.paymentId === params.paymentId);
    return charge ? charge.outcome : { status: 'not_found' };
  }

  async refund(params: RefundParams, idempotencyKey: string): Promise<RefundOutcome> {
    return this.once(idempotencyKey, 'refund', params, (): RefundOutcome => {
      const amount = toStripeAmount(params.amount, params.currency);
      if (!amount.ok) return { status: 'failed', failureCode: 'invalid_refund_amount', failureMessage: amount.message };
      if (!params.providerPaymentId.startsWith('pi_sandbox_')) {
        return {
          status: 'failed',
          failureCode: 'resource_missing',
          failureMessage: `No such payment_intent: '${params.providerPaymentId}'`,
        };
      }
      const charge = this.charges.get(params.providerPaymentId);
      if (charge) {
        const problem = refundProblem(charge, params.amount);
        if (problem) return { status: 'failed', ...problem };
        charge.refunded += params.amount;
      }
      return { status: 'succeeded', providerRefundId: `re_sandbox_${digest(idempotencyKey)}` };
    });
  }

  /**
   * Stripe's idempotency: the first call with a key runs, and its result (an answer or a thrown error) is the
   * answer to every later call with that key; a later call with other parameters is refused.
   */
  private once<T>(key: string, operation: string, params: unknown, run: () => T): T {
    this.forgetOldKeys();
    const request = fingerprint(operation, params);
    const earlier = this.answers.get(key);
    if (earlier) {
      if (earlier.request !== request) {
        throw new PaymentProviderFault(
          'idempotency_key_reused',
          `Keys for idempotent requests can only be used with the same parameters they were first used with (key "${key}").`,
        );
      }
      if (!earlier.result.ok) throw earlier.result.error;
      return earlier.result.value as T;
    }
    let result: Settled;
    try {
      result = { ok: true, value: run() };
    } catch (error) {
      result = { ok: false, error };
    }
    this.answers.set(key, { request, result, at: this.now().getTime() });
    if (!result.ok) throw result.error;
    return result.value as T;
  }

  /** Stripe keeps a key for 24 hours; so does the sandbox, which also bounds its memory. Oldest first, as inserted. */
  private forgetOldKeys(): void {
    const horizon = this.now().getTime() - KEY_RETENTION_MS;
    for (const [key, answer] of this.answers) {
      if (answer.at >= horizon) break;
      this.answers.delete(key);
    }
  }
}

const KEY_RETENTION_MS = 24 * 3600 * 1000;

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface SandboxCharge {
  paymentId: string;
  amount: number;
  refunded: number;
  outcome: ChargeOutcome;
}

/** The test card behind a token (`pm_card_visa`) or a sandbox method id (`pm_sandbox_visa_…`), if any. */
function cardOf(id: string): (TestCard & { name: string }) | null {
  const name = /^pm_card_(\w+)$/.exec(id)?.[1] ?? /^pm_sandbox_(\w+)_[0-9a-f]{24}$/.exec(id)?.[1];
  const card = name === undefined ? undefined : TEST_CARDS[`pm_card_${name}`];
  return card ? { ...card, name: name! } : null;
}

function refundProblem(charge: SandboxCharge, amount: number): { failureCode: string; failureMessage: string } | null {
  if (charge.outcome.status !== 'succeeded') {
    return {
      failureCode: 'payment_intent_unexpected_state',
      failureMessage: 'This PaymentIntent does not have a successful charge to refund.',
    };
  }
  if (charge.refunded >= charge.amount) {
    return { failureCode: 'charge_already_refunded', failureMessage: 'This charge has already been refunded.' };
  }
  if (amount > charge.amount - charge.refunded) {
    return {
      failureCode: 'amount_too_large',
      failureMessage: `Refund amount (${amount}) is greater than unrefunded amount on charge (${charge.amount - charge.refunded}).`,
    };
  }
  return null;
}

/** The operation and its parameters as one string, keys sorted: equal for equal requests, as Stripe compares them. */
function fingerprint(operation: string, params: unknown): string {
  const sorted = (value: unknown): unknown =>
    value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value;
  return JSON.stringify([operation, sorted(params)]);
}

/** 24 hex digits of the key's SHA-256: the same key gives the same id in every process. */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}
