import { ChangeWriter } from '@billing/audit';
import { GetInvoiceQuery, InvoiceView, RecordPaymentOutcomesCommand } from '@billing/invoicing';
import { Conflict, domainEvent, DomainError, newId } from '@billing/kernel';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PaymentCollector } from '../../charging/payment-collector';
import { PaymentMethods } from '../../persistence/payment-methods';
import type { PaymentRecord } from '../../domain/payment';
import { Collectable, Payments } from '../../persistence/payments';
import { toPaymentView } from '../../queries/payment.view';
import { PayInvoiceCommand } from './pay-invoice.command';

/**
 * `POST /v1/invoices/{id}/pay`: a new attempt now, answered with the invoice as it then is (paid, or open with
 * the failed attempt in its payments). Of concurrent calls one opens the attempt (the unique index on live
 * attempts) and the others answer 409 `payment_in_progress`: one charge, however many clicks.
 */
@CommandHandler(PayInvoiceCommand)
export class PayInvoiceHandler implements ICommandHandler<PayInvoiceCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly collector: PaymentCollector,
    private readonly writer: ChangeWriter,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ invoiceId, paidOutOfBand, context }: PayInvoiceCommand): Promise<InvoiceView> {
    const invoice = await this.queries.execute(new GetInvoiceQuery(invoiceId));
    if (invoice.status !== 'open' || invoice.amount_remaining === 0) {
      throw new Conflict('invoice_not_payable', `Invoice ${invoiceId} is ${invoice.status}: there is nothing to pay.`);
    }
    const collectable: Collectable = {
      invoiceId,
      accountId: invoice.account_id,
      amount: invoice.amount_remaining,
      currency: invoice.currency,
    };
    if (paidOutOfBand) {
      await this.recordOutOfBand(collectable, context);
    } else {
      if (!(await PaymentMethods.hasDefault(this.dataSource.manager, invoice.account_id))) throw new NoPaymentMethod(invoice.account_id);
      const [paymentId] = await this.collector.open([collectable]);
      if (!paymentId) throw new Conflict('payment_in_progress', `A payment of invoice ${invoiceId} is in progress already.`);
      await this.collector.charge({ ids: [paymentId] });
    }
    return this.queries.execute(new GetInvoiceQuery(invoiceId));
  }

  /** A payment received outside any provider (a bank transfer): `manual`, succeeded, audited. */
  private recordOutOfBand(invoice: Collectable, context: PayInvoiceCommand['context']) {
    return this.writer.run(context, async (manager, now) => {
      const payment: PaymentRecord = {
        id: newId('pay'),
        invoiceId: invoice.invoiceId,
        accountId: invoice.accountId,
        amount: invoice.amount,
        currency: invoice.currency,
        status: 'succeeded',
        provider: 'manual',
        paymentMethodId: null,
        providerPaymentId: null,
        failureCode: null,
        failureMessage: null,
        attempt: await Payments.nextAttempt(manager, invoice.invoiceId),
        refundedAmount: 0,
        createdAt: now,
        updatedAt: now,
      };
      const view = toPaymentView(payment);
      return {
        result: view,
        events: [domainEvent('payment.succeeded', 'payment', payment.id, view, now)],
        save: async () => {
          if (!(await Payments.insertManual(manager, payment)))
            throw new Conflict('payment_in_progress', `A payment of invoice ${invoice.invoiceId} is in progress already.`);
          await this.commands.execute(new RecordPaymentOutcomesCommand([{ invoiceId: invoice.invoiceId, paid: invoice.amount }], manager));
        },
        audit: { action: 'create', resourceType: 'payment', resourceId: payment.id, before: null },
      };
    });
  }
}

/** Paying now needs a default payment method on the account (or `paid_out_of_band`). */
export class NoPaymentMethod extends DomainError {
  constructor(accountId: string) {
    super('validation', 'no_payment_method', `Account ${accountId} has no default payment method to charge.`, [
      { field: 'paid_out_of_band', message: 'the account has no payment method: attach one, or record a payment made out of band' },
    ]);
  }
}
