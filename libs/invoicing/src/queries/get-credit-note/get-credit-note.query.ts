import { Query } from '@nestjs/cqrs';
import { CreditNoteView } from '../credit-note.view';

export class GetCreditNoteQuery extends Query<CreditNoteView> {
  constructor(readonly creditNoteId: string) {
    super();
  }
}
