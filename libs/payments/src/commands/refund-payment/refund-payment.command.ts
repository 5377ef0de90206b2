import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { PaymentView } from '../../queries/payment.view';

/** Refund `amount` of a succeeded payment (all that is left when omitted) through its provider. */
export class RefundPaymentCommand extends Command<PaymentView> {
  constructor(
    readonly paymentId: string,
    readonly amount: number | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}
