import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { CreditNoteView } from '../credit-note.view';

export class ListCreditNotesQuery extends Query<Page<CreditNoteView>> {
  constructor(
    readonly filters: { invoiceId?: string; accountId?: string },
    readonly page: PageRequest,
  ) {
    super();
  }
}
