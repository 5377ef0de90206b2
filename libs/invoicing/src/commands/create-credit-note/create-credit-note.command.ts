import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { CreditNoteView } from '../../queries/credit-note.view';

export interface CreateCreditNoteInput {
  invoiceId: string;
  amount: number;
  reason?: string;
  refund: boolean;
}

export class CreateCreditNoteCommand extends Command<CreditNoteView> {
  constructor(
    readonly input: CreateCreditNoteInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
