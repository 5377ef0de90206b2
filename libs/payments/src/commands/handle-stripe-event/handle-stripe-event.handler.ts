import { APP_CONFIG, AppConfig } from '@billing/core';
import { DomainError } from '@billing/kernel';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { outcomeOfPaymentIntent } from '../../adapters/stripe-outcomes';
import { PaymentCollector } from '../../charging/payment-collector';
import { Payments } from '../../persistence/payments';
import { StripeWebhookRejected, verifyStripeWebhook } from '../../stripe-webhook';
import { HandleStripeEventCommand, StripeEventReceipt } from './handle-stripe-event.command';

/** The event types that settle a payment; every other type is stored (processed once) and otherwise ignored. */
const SETTLING = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed']);

/**
 * Stripe's own events (`POST /webhooks/stripe`), verified, then processed once: the event id goes into
 * `stripe_events` (ON CONFLICT DO NOTHING) in the same transaction as its effect, so a redelivery, or the same
 * event delivered twice at once (the second insert waits for the first's commit), changes nothing and answers
 * `duplicate: true`.
 *
 * - `payment_intent.succeeded` / `payment_intent.payment_failed`: the PaymentIntent in the event settles our
 *   payment (found by its PaymentIntent id, else by `metadata.payment_id`) through {@link PaymentCollector.recordIn},
 *   whose `settle()` lets events arrive out of order or twice: a late `payment_failed` never undoes a
 *   `succeeded`. This is how an `unknown` payment resolves before reconciliation asks. A PaymentIntent that is
 *   not one of our Stripe payments' (another integration on the same account, a payment we recorded with
 *   another PaymentIntent) is acknowledged and changes nothing.
 * - `charge.refunded`: acknowledged only. Our refunds are recorded synchronously when Stripe answers
 *   `POST /v1/refunds` (refund-payment), so this event repeats what we know; a refund made in Stripe's
 *   dashboard is not mirrored into `refunded_amount` (not done yet).
 * - Any other type: acknowledged and ignored (200), so Stripe does not retry it.
 */
@CommandHandler(HandleStripeEventCommand)
export class HandleStripeEventHandler implements ICommandHandler<HandleStripeEventCommand> {
  private readonly logger = new Logger('StripeWebhook');

  constructor(
    private readonly dataSource: DataSource,
    private readonly collector: PaymentCollector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ rawBody, signature }: HandleStripeEventCommand): Promise<StripeEventReceipt> {
    // The sender's part first: an unsigned delivery is its mistake (400) whether or not a secret is configured.
    const header = Array.isArray(signature) ? signature[0] : signature;
    if (!header?.trim()) throw new StripeWebhookRejected('missing_signature', 'The Stripe-Signature header is missing.');
    const secret = this.config.stripeWebhookSecret;
    if (!secret?.trim()) {
      // The operator's mistake, not the sender's: 503, which Stripe retries until the secret is configured.
      throw new DomainError(
        'unavailable',
        'stripe_webhooks_not_configured',
        'STRIPE_WEBHOOK_SECRET is not set: Stripe webhooks cannot be verified.',
      );
    }
    const event = verifyStripeWebhook(rawBody, signature, secret);
    if (typeof event?.id !== 'string' || event.id === '' || typeof event.type !== 'string') {
      throw new DomainError('bad_request', 'malformed_event', 'The webhook body is not a Stripe event (an `id` and a `type`).');
    }
    const fresh = await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type],
      );
      if (inserted.length === 0) return false;
      if (SETTLING.has(event.type)) await this.settlePayment(manager, event);
      return true;
    });
    return { received: true, id: event.id, type: event.type, duplicate: !fresh };
  }

  private async settlePayment(manager: EntityManager, event: Stripe.Event): Promise<void> {
    const intent = event.data?.object as Partial<Stripe.PaymentIntent> | undefined;
    if (typeof intent?.id !== 'string' || typeof intent.status !== 'string') {
      throw new DomainError('bad_request', 'malformed_event', `The ${event.type} event does not carry a PaymentIntent.`);
    }
    const metadataPaymentId = typeof intent.metadata?.payment_id === 'string' ? intent.metadata.payment_id : null;
    const payment = await Payments.findByProviderPayment(manager, intent.id, metadataPaymentId);
    if (!payment || payment.provider !== 'stripe' || (payment.providerPaymentId !== null && payment.providerPaymentId !== intent.id)) {
      this.logger.log(`${event.type} ${event.id}: PaymentIntent ${intent.id} is none of our payments; acknowledged`);
      return;
    }
    const answer = outcomeOfPaymentIntent(intent as Stripe.PaymentIntent);
    if (payment.status === 'failed' && answer.status === 'succeeded' && (await Payments.hasOtherLiveAttempt(manager, payment))) {
      // A declined PaymentIntent the customer completed later (on-session, 3-D Secure) after another attempt
      // collected the invoice: the money was taken twice. The failed attempt cannot become a second live one
      // (the unique index, which made this a 500 that Stripe retried for days); an operator refunds one.
      this.logger.error(
        `${event.type} ${event.id}: PaymentIntent ${intent.id} of failed payment ${payment.id} succeeded, but invoice ` +
          `${payment.invoiceId} was collected by another attempt: charged twice, refund one at Stripe`,
      );
      return;
    }
    await this.collector.recordIn(manager, [{ paymentId: payment.id, answer }]);
  }
}
