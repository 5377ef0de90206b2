import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toCreditNoteView } from '../credit-note.view';
import { CreditNoteEntity } from '../../persistence/invoice.entity';
import { GetCreditNoteQuery } from './get-credit-note.query';

@QueryHandler(GetCreditNoteQuery)
export class GetCreditNoteHandler implements IQueryHandler<GetCreditNoteQuery> {
  constructor(@InjectRepository(CreditNoteEntity) private readonly notes: Repository<CreditNoteEntity>) {}

  async execute({ creditNoteId }: GetCreditNoteQuery) {
    const note = await this.notes.findOneBy({ id: creditNoteId });
    if (!note) throw new NotFound('credit note', creditNoteId);
    return toCreditNoteView(note);
  }
}
