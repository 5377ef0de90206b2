import { ChangeWriter } from '@billing/audit';
import { NotFound } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PaymentMethods } from '../../persistence/payment-methods';
import { PaymentMethodView, toPaymentMethodView } from '../../queries/payment-method.view';
import { DetachPaymentMethodCommand } from './detach-payment-method.command';

/**
 * Detaches one of the account's methods: it is no longer charged (the account may be left without a default,
 * and its invoices then wait, open). A method of another account is 404, as if it did not exist. The card
 * stays attached at the provider's customer, which is ours alone; nothing is charged to it any more.
 */
@CommandHandler(DetachPaymentMethodCommand)
export class DetachPaymentMethodHandler implements ICommandHandler<DetachPaymentMethodCommand> {
  constructor(private readonly writer: ChangeWriter) {}

  execute({ accountId, paymentMethodId, context }: DetachPaymentMethodCommand): Promise<PaymentMethodView> {
    return this.writer.run(context, async (manager, now) => {
      const method = (await PaymentMethods.ofAccount(manager, accountId)).find((candidate) => candidate.id === paymentMethodId);
      if (!method) throw new NotFound('payment method', paymentMethodId);
      return {
        result: toPaymentMethodView({ ...method, isDefault: false }),
        events: [],
        changed: true,
        save: async () => {
          await PaymentMethods.detach(manager, accountId, paymentMethodId, now);
        },
        audit: { action: 'delete', resourceType: 'payment_method', resourceId: paymentMethodId, before: toPaymentMethodView(method) },
      };
    });
  }
}
