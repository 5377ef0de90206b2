import { ConfigModule, loadConfig } from '@billing/core';
import { Test } from '@nestjs/testing';
import { SandboxPaymentProvider } from './adapters/sandbox.provider';
import { StripePaymentProvider } from './adapters/stripe.provider';
import { PaymentProvider } from './domain/payment-provider';
import { paymentProviderFor, PaymentProviderModule } from './payment-provider.module';
import { PAYMENT_PROVIDER } from './payment-provider.token';

describe(paymentProviderFor.name, () => {
  it.each([
    [{}, SandboxPaymentProvider, 'sandbox'],
    [{ STRIPE_SECRET_KEY: 'sk_test_x' }, StripePaymentProvider, 'stripe'],
    [{ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_API_BASE: 'http://127.0.0.1:12111' }, StripePaymentProvider, 'stripe'],
    [{ STRIPE_API_BASE: 'http://127.0.0.1:12111' }, SandboxPaymentProvider, 'sandbox'],
  ])('%o → %p', (env, type, name) => {
    const provider = paymentProviderFor(loadConfig(env));
    expect(provider).toBeInstanceOf(type);
    expect(provider.name).toBe(name);
  });

  it('refuses a STRIPE_API_BASE with a path, naming the variable', () => {
    expect(() => paymentProviderFor(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_API_BASE: 'http://127.0.0.1:12111/v1' }))).toThrow(
      /STRIPE_API_BASE/,
    );
  });
});

describe(PaymentProviderModule.name, () => {
  it('provides the configured provider under PAYMENT_PROVIDER, one per application', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(loadConfig({})), PaymentProviderModule] }).compile();
    const provider = moduleRef.get<PaymentProvider>(PAYMENT_PROVIDER);
    expect(provider).toBeInstanceOf(SandboxPaymentProvider);
    expect(moduleRef.get(PAYMENT_PROVIDER)).toBe(provider);
    await moduleRef.close();
  });
});
