import { ChangeWriter } from '@billing/audit';
import { Clock, DomainError, domainEvent, NotFound, RequestContext } from '@billing/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { idempotencyKeys } from '../domain/idempotency-keys';
import { refundAmount } from '../domain/payment';
import type { PaymentProvider } from '../domain/payment-provider';
import { PaymentProviderUnavailable } from '../domain/payment.errors';
import { Payments } from '../persistence/payments';
import { PAYMENT_PROVIDER } from '../payment-provider.token';
import { PaymentView, toPaymentView } from '../queries/payment.view';

export interface RefundRequest {
  paymentId: string;
  /** All that is left to refund when undefined. */
  amount: number | undefined;
  /** Our refund's id, the key of its provider call: the same id never refunds twice. */
  refundId: string;
  context: RequestContext;
}

/**
 * A refund in two phases, like a charge: the refund row and the amount it takes from what is refundable are
 * committed first (so two refunds at once can never exceed the payment), then the provider is called with
 * `refund_<id>`, then the outcome is recorded with `payment.refunded`. A refusal gives the amount back; an
 * answer we did not hear leaves the refund `pending` with its amount reserved (503). The same refund id again
 * continues a pending refund and does nothing to a settled one. A payment recorded out of band is refunded
 * out of band too: only the record changes.
 */
@Injectable()
export class PaymentRefunder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ChangeWriter,
    private readonly clock: Clock,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  async refund({ paymentId, amount: wanted, refundId, context }: RefundRequest): Promise<PaymentView> {
    await this.clock.refresh();
    const reserved = await this.dataSource.transaction(async (manager) => {
      const [payment] = await Payments.lockMany(manager, [paymentId]);
      if (!payment) throw new NotFound('payment', paymentId);
      const earlier = await Payments.findRefund(manager, refundId);
      if (earlier) return { payment, amount: earlier.amount, pending: earlier.status === 'pending' };
      const amount = refundAmount(payment, wanted);
      await Payments.addRefund(manager, { id: refundId, paymentId, amount, status: 'pending', providerRefundId: null }, this.clock.now());
      return { payment, amount, pending: true };
    });
    const { payment, amount } = reserved;
    if (!reserved.pending) return toPaymentView(payment);
    const outcome =
      payment.provider === 'manual' || !payment.providerPaymentId
        ? ({ status: 'succeeded', providerRefundId: null } as const)
        : await this.provider.refund(
            { providerPaymentId: payment.providerPaymentId, amount, currency: payment.currency, refundId },
            idempotencyKeys.refund(refundId),
          );
    if (outcome.status === 'ambiguous') {
      throw new PaymentProviderUnavailable(`refund ${refundId} may or may not have been made: ${outcome.message}`);
    }
    if (outcome.status === 'failed') {
      await this.dataSource.transaction((manager) =>
        Payments.settleRefund(manager, refundId, { status: 'failed', failureCode: outcome.failureCode }),
      );
      throw new DomainError(
        'invalid_state',
        'refund_failed',
        `The provider refused the refund (${outcome.failureCode}): ${outcome.failureMessage}`,
      );
    }
    const settled = { status: outcome.status, providerRefundId: outcome.providerRefundId };
    return this.writer.run(context, async (manager, now) => {
      const [refunded] = await Payments.lockMany(manager, [paymentId]);
      const view = toPaymentView(refunded);
      return {
        result: view,
        events: [domainEvent('payment.refunded', 'payment', paymentId, view, now)],
        save: () => Payments.settleRefund(manager, refundId, settled),
        audit: { action: 'update', resourceType: 'payment', resourceId: paymentId, before: toPaymentView(payment) },
      };
    });
  }
}
