import { ChargeLookup, ChargeOutcome } from './payment-provider';
import { PaymentStatus, refundAmount, RefundExceedsPayment, settle } from './payment';

const succeeded: ChargeOutcome = { status: 'succeeded', providerPaymentId: 'pi_1', providerChargeId: 'ch_1' };
const failed: ChargeOutcome = {
  status: 'failed',
  providerPaymentId: 'pi_1',
  failureCode: 'card_declined',
  failureMessage: 'Your card was declined.',
};
const ambiguous: ChargeOutcome = { status: 'ambiguous', providerPaymentId: null, reason: 'timeout', message: 'no answer' };
const notFound: ChargeLookup = { status: 'not_found' };

describe(settle.name, () => {
  it.each<[PaymentStatus, ChargeOutcome | ChargeLookup, PaymentStatus | null]>([
    ['pending', succeeded, 'succeeded'],
    ['pending', failed, 'failed'],
    ['pending', ambiguous, 'unknown'],
    ['pending', notFound, 'unknown'],
    ['unknown', succeeded, 'succeeded'],
    ['unknown', failed, 'failed'],
    ['unknown', ambiguous, null],
    ['unknown', notFound, null],
    // Settled stays settled: a late or repeated failure never undoes a success.
    ['succeeded', failed, null],
    ['succeeded', succeeded, null],
    ['succeeded', ambiguous, null],
    // The provider's word that it succeeded after all wins over a failure we recorded.
    ['failed', succeeded, 'succeeded'],
    ['failed', failed, null],
    ['failed', notFound, null],
  ])('%s + %o → %s', (status, answer, expected) => {
    expect(settle({ status, providerPaymentId: null }, answer)?.status ?? null).toBe(expected);
  });

  it("keeps the provider's ids and failure reason", () => {
    expect(settle({ status: 'pending', providerPaymentId: null }, failed)).toEqual({
      status: 'failed',
      providerPaymentId: 'pi_1',
      failureCode: 'card_declined',
      failureMessage: 'Your card was declined.',
    });
    expect(settle({ status: 'pending', providerPaymentId: 'pi_known' }, ambiguous)?.providerPaymentId).toBe('pi_known');
  });
});

describe(refundAmount.name, () => {
  const payment = { id: 'pay_1', status: 'succeeded' as const, amount: 4900, refundedAmount: 900 };

  it('refunds what is asked, or all that is left', () => {
    expect(refundAmount(payment, 1000)).toBe(1000);
    expect(refundAmount(payment, undefined)).toBe(4000);
  });

  it('refuses more than is left (422 naming amount), a payment refunded in full, and one that did not succeed (409)', () => {
    expect(() => refundAmount(payment, 4001)).toThrow(RefundExceedsPayment);
    expect(() => refundAmount({ ...payment, refundedAmount: 4900 }, undefined)).toThrow(
      expect.objectContaining({ code: 'payment_fully_refunded' }),
    );
    expect(() => refundAmount({ ...payment, status: 'failed' }, 1)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
});
