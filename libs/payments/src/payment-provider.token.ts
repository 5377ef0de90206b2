/** The injection token of the configured PaymentProvider: `@Inject(PAYMENT_PROVIDER) provider: PaymentProvider`. */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
