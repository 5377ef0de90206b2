import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { PaymentMethodView } from '../../queries/payment-method.view';

export class AttachPaymentMethodCommand extends Command<PaymentMethodView> {
  constructor(
    readonly input: { accountId: string; providerToken: string; isDefault: boolean },
    readonly context: RequestContext,
  ) {
    super();
  }
}
