import { Command } from '@nestjs/cqrs';

/** Refund what these credit notes credited, each from its invoice's succeeded payment. */
export class RefundCreditNotesCommand extends Command<void> {
  constructor(readonly notes: readonly { creditNoteId: string; invoiceId: string; amount: number }[]) {
    super();
  }
}
