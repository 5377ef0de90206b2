import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { PaymentMethodView } from '../../queries/payment-method.view';

export class DetachPaymentMethodCommand extends Command<PaymentMethodView> {
  constructor(
    readonly accountId: string,
    readonly paymentMethodId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
