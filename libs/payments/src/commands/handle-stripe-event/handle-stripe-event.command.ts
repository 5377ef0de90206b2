import { Command } from '@nestjs/cqrs';

/** What `POST /webhooks/stripe` answers once the event is verified: `duplicate` when its id was processed before. */
export interface StripeEventReceipt {
  received: true;
  id: string;
  type: string;
  duplicate: boolean;
}

/**
 * A delivery of `POST /webhooks/stripe`: the body exactly as received (the signature signs these bytes) and its
 * `Stripe-Signature` header. The handler verifies it with `STRIPE_WEBHOOK_SECRET`, then processes the event once.
 */
export class HandleStripeEventCommand extends Command<StripeEventReceipt> {
  constructor(
    readonly rawBody: Buffer,
    readonly signature: string | string[] | undefined,
  ) {
    super();
  }
}
