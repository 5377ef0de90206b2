import { AppConfig, APP_CONFIG } from '@billing/core';
import { Module } from '@nestjs/common';
import { PaymentProvider } from './domain/payment-provider';
import { SandboxPaymentProvider } from './adapters/sandbox.provider';
import { StripePaymentProvider } from './adapters/stripe.provider';

/** The injection token of the configured {@link PaymentProvider}: `@Inject(PAYMENT_PROVIDER) provider: PaymentProvider`. */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

/** Stripe when `STRIPE_SECRET_KEY` is set (at `STRIPE_API_BASE` when that is set too), else the built-in sandbox. */
export function paymentProviderFor(config: Pick<AppConfig, 'stripeSecretKey' | 'stripeApiBase'>): PaymentProvider {
  if (config.stripeSecretKey) return new StripePaymentProvider({ secretKey: config.stripeSecretKey, apiBase: config.stripeApiBase });
  return new SandboxPaymentProvider();
}

/**
 * The payment provider, for the payment commands and sagas to inject. No controllers, no tables: the payments
 * themselves (their rows, their charging, reconciliation and refunds) come with the payment use cases.
 */
@Module({
  providers: [{ provide: PAYMENT_PROVIDER, useFactory: paymentProviderFor, inject: [APP_CONFIG] }],
  exports: [PAYMENT_PROVIDER],
})
export class PaymentsModule {}
