import { Page, PageRequest, paginate } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CreditNoteView, toCreditNoteView } from './credit-note.view';
import { CreditNoteEntity } from '../persistence/invoice.entity';

export class ListCreditNotesQuery extends Query<Page<CreditNoteView>> {
  constructor(
    readonly filters: { invoiceId?: string; accountId?: string },
    readonly page: PageRequest,
  ) {
    super();
  }
}

export class GetCreditNoteQuery extends Query<CreditNoteView> {
  constructor(readonly creditNoteId: string) {
    super();
  }
}

@QueryHandler(ListCreditNotesQuery)
export class ListCreditNotesHandler implements IQueryHandler<ListCreditNotesQuery> {
  constructor(@InjectRepository(CreditNoteEntity) private readonly notes: Repository<CreditNoteEntity>) {}

  execute({ filters, page }: ListCreditNotesQuery) {
    const query = this.notes.createQueryBuilder('note');
    if (filters.invoiceId) query.andWhere('note.invoiceId = :invoiceId', { invoiceId: filters.invoiceId });
    if (filters.accountId) query.andWhere('note.accountId = :accountId', { accountId: filters.accountId });
    return paginate(query, page, toCreditNoteView);
  }
}

@QueryHandler(GetCreditNoteQuery)
export class GetCreditNoteHandler implements IQueryHandler<GetCreditNoteQuery> {
  constructor(@InjectRepository(CreditNoteEntity) private readonly notes: Repository<CreditNoteEntity>) {}

  async execute({ creditNoteId }: GetCreditNoteQuery) {
    const note = await this.notes.findOneBy({ id: creditNoteId });
    if (!note) throw new NotFound('credit note', creditNoteId);
    return toCreditNoteView(note);
  }
}
