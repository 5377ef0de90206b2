import { AppConfig, APP_CONFIG } from '@billing/core';
import { Module } from '@nestjs/common';
import { SandboxPaymentProvider } from './adapters/sandbox.provider';
import { StripePaymentProvider } from './adapters/stripe.provider';
import { PaymentProvider } from './domain/payment-provider';
import { PAYMENT_PROVIDER } from './payment-provider.token';

/** Stripe when `STRIPE_SECRET_KEY` is set (at `STRIPE_API_BASE` when that is set too), else the built-in sandbox. */
export function paymentProviderFor(config: Pick<AppConfig, 'stripeSecretKey' | 'stripeApiBase'>): PaymentProvider {
  if (config.stripeSecretKey) return new StripePaymentProvider({ secretKey: config.stripeSecretKey, apiBase: config.stripeApiBase });
  return new SandboxPaymentProvider();
}

/** The configured {@link PaymentProvider}, one per application, under `PAYMENT_PROVIDER`. */
@Module({
  providers: [{ provide: PAYMENT_PROVIDER, useFactory: paymentProviderFor, inject: [APP_CONFIG] }],
  exports: [PAYMENT_PROVIDER],
})
export class PaymentProviderModule {}
