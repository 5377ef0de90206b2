import { appendToOutbox } from '@billing/core';
import { Clock, eventsOf } from '@billing/kernel';
import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvoiceRepository } from '../../persistence/invoice.repository';
import { toInvoiceViewOf } from '../../queries/invoice.view';
import { RecordPaymentOutcomesCommand } from './record-payment-outcomes.command';

/**
 * Payments received lower what remains (settling the invoice, `invoice.paid`); failed attempts raise
 * `invoice.payment_failed`. An invoice that is no longer open (voided or credited in full meanwhile) takes
 * no payment: the payment stands, and the discrepancy is logged for a refund decision.
 */
@CommandHandler(RecordPaymentOutcomesCommand)
export class RecordPaymentOutcomesHandler implements ICommandHandler<RecordPaymentOutcomesCommand> {
  private readonly logger = new Logger('RecordPaymentOutcomes');

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ outcomes, manager }: RecordPaymentOutcomesCommand): Promise<void> {
    if (outcomes.length === 0) return;
    await this.clock.refresh();
    const now = this.clock.now();
    const invoices = new Map(
      (
        await this.invoices.getManyForUpdate(
          manager,
          outcomes.map((outcome) => outcome.invoiceId),
        )
      ).map((invoice) => [invoice.id, invoice]),
    );
    for (const outcome of outcomes) {
      const invoice = invoices.get(outcome.invoiceId);
      if (!invoice) continue;
      if ('failed' in outcome) {
        invoice.paymentFailed(now);
      } else if (invoice.status === 'open') {
        invoice.applyPayment(outcome.paid, now);
      } else {
        this.logger.error(`payment of ${outcome.paid} received for invoice ${invoice.id}, which is ${invoice.status}: not applied`);
      }
    }
    const changed = [...invoices.values()]
      .map((invoice) => ({ invoice, events: invoice.pullEvents() }))
      .filter(({ events }) => events.length > 0);
    // A failed attempt only raises its event: the invoice itself is unchanged and is not written.
    await this.invoices.saveMany(
      manager,
      changed.filter(({ events }) => events.some((event) => event.type !== 'invoice.payment_failed')).map(({ invoice }) => invoice),
    );
    await appendToOutbox(
      manager,
      changed.flatMap(({ invoice, events }) => eventsOf('invoice', invoice.id, events, toInvoiceViewOf)),
    );
  }
}
