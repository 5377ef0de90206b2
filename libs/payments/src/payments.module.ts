import { AuditModule } from '@billing/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PaymentCollector } from './charging/payment-collector';
import { PaymentRefunder } from './charging/payment-refunder';
import { RefundCreditNotesHandler } from './commands/refund-credit-notes/refund-credit-notes.handler';
import { RefundOnCreditNoteSaga } from './sagas/refund-on-credit-note.saga';
import { AttachPaymentMethodHandler } from './commands/attach-payment-method/attach-payment-method.handler';
import { CollectInvoicesHandler } from './commands/collect-invoices/collect-invoices.handler';
import { HandleStripeEventHandler } from './commands/handle-stripe-event/handle-stripe-event.handler';
import { DetachPaymentMethodHandler } from './commands/detach-payment-method/detach-payment-method.handler';
import { ChargePaymentsHandler, OpenPaymentRetriesHandler } from './commands/retry-payments/retry-payments.handler';
import { PayInvoiceHandler } from './commands/pay-invoice/pay-invoice.handler';
import { RefundPaymentHandler } from './commands/refund-payment/refund-payment.handler';
import { PaymentEntity } from './persistence/payment.entity';
import { GetPaymentHandler } from './queries/get-payment/get-payment.handler';
import { ListPaymentMethodsHandler } from './queries/list-payment-methods/list-payment-methods.handler';
import { ListPaymentsHandler } from './queries/list-payments/list-payments.handler';
import { PaymentReconciliation } from './reconciliation/payment-reconciliation';
import { ChargeOnInvoiceFinalizedSaga } from './sagas/charge-on-invoice-finalized.saga';
import { PaymentProviderModule } from './payment-provider.module';

/** Payment methods, payments (charging, reconciliation, refunds) and the configured provider. */
@Module({
  imports: [TypeOrmModule.forFeature([PaymentEntity]), AuditModule, PaymentProviderModule],
  providers: [
    PaymentCollector,
    PaymentRefunder,
    RefundCreditNotesHandler,
    RefundOnCreditNoteSaga,
    PaymentReconciliation,
    ChargeOnInvoiceFinalizedSaga,
    AttachPaymentMethodHandler,
    DetachPaymentMethodHandler,
    CollectInvoicesHandler,
    PayInvoiceHandler,
    OpenPaymentRetriesHandler,
    ChargePaymentsHandler,
    RefundPaymentHandler,
    HandleStripeEventHandler,
    ListPaymentsHandler,
    GetPaymentHandler,
    ListPaymentMethodsHandler,
  ],
  exports: [PaymentProviderModule, PaymentReconciliation, ChargeOnInvoiceFinalizedSaga, RefundOnCreditNoteSaga],
})
export class PaymentsModule {}
