import { newId } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PaymentRefunder } from '../../charging/payment-refunder';
import { PaymentView } from '../../queries/payment.view';
import { RefundPaymentCommand } from './refund-payment.command';

/** `POST /v1/payments/{id}/refund`: a new refund (the request's Idempotency-Key replays its answer). */
@CommandHandler(RefundPaymentCommand)
export class RefundPaymentHandler implements ICommandHandler<RefundPaymentCommand> {
  constructor(private readonly refunder: PaymentRefunder) {}

  execute({ paymentId, amount, context }: RefundPaymentCommand): Promise<PaymentView> {
    return this.refunder.refund({ paymentId, amount, refundId: newId('rf'), context });
  }
}
