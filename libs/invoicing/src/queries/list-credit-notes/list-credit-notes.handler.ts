import { paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toCreditNoteView } from '../credit-note.view';
import { CreditNoteEntity } from '../../persistence/invoice.entity';
import { ListCreditNotesQuery } from './list-credit-notes.query';

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
