import { systemContext } from '@billing/kernel';
import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PaymentRefunder } from '../../charging/payment-refunder';
import { Payments } from '../../persistence/payments';
import { RefundCreditNotesCommand } from './refund-credit-notes.command';

/**
 * Each note's refund has the id `rf_<credit note id>`, so a second delivery continues or skips it. A refund
 * the provider refuses is logged at error and left for an operator (the credit note stands; the customer can
 * be credited or paid out another way): it is not retried, since a retry would be refused the same way.
 */
@CommandHandler(RefundCreditNotesCommand)
export class RefundCreditNotesHandler implements ICommandHandler<RefundCreditNotesCommand> {
  private readonly logger = new Logger('RefundCreditNotes');

  constructor(
    private readonly dataSource: DataSource,
    private readonly refunder: PaymentRefunder,
  ) {}

  async execute({ notes }: RefundCreditNotesCommand): Promise<void> {
    for (const note of notes) {
      const payment = await Payments.succeededOf(this.dataSource.manager, note.invoiceId);
      if (!payment) {
        this.logger.error(`credit note ${note.creditNoteId} asks for a refund, but invoice ${note.invoiceId} has no succeeded payment`);
        continue;
      }
      try {
        await this.refunder.refund({
          paymentId: payment.id,
          amount: note.amount,
          refundId: `rf_${note.creditNoteId}`,
          context: systemContext(`credit-note-refund-${note.creditNoteId}`),
        });
      } catch (error) {
        if ((error as { code?: string }).code !== 'refund_failed') throw error;
        this.logger.error(`refund of credit note ${note.creditNoteId} refused by the provider: ${(error as Error).message}`);
      }
    }
  }
}
