import { Query } from '@nestjs/cqrs';
import { PdfFile } from '../pdf-file.view';

export class GetCreditNotePdfQuery extends Query<PdfFile> {
  constructor(readonly creditNoteId: string) {
    super();
  }
}
