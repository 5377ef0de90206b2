import { idempotencyKeys, MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency-keys';

describe('idempotencyKeys', () => {
  it.each([
    [idempotencyKeys.customer('acct_0Kx3a'), 'customer_acct_0Kx3a'],
    [idempotencyKeys.paymentMethodAttach('acct_0Kx3a', 'pm_card_visa'), 'pm_attach_acct_0Kx3a_pm_card_visa'],
    [idempotencyKeys.payment('pay_0Kx3a'), 'payment_pay_0Kx3a'],
    [idempotencyKeys.refund('rf_0Kx3a'), 'refund_rf_0Kx3a'],
  ])('%s', (key, expected) => {
    expect(key).toBe(expected);
  });

  it('keeps a key derived from a long token within Stripe’s 255 characters, and distinct', () => {
    const long = (suffix: string) => idempotencyKeys.paymentMethodAttach('acct_0Kx3a', `pm_${'x'.repeat(300)}${suffix}`);
    expect(long('a')).toHaveLength(MAX_IDEMPOTENCY_KEY_LENGTH);
    expect(long('a')).toBe(long('a'));
    expect(long('a')).not.toBe(long('b'));
  });
});
