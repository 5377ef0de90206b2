import { Query } from '@nestjs/cqrs';
import { PdfFile } from '../pdf-file.view';

export class GetInvoicePdfQuery extends Query<PdfFile> {
  constructor(readonly invoiceId: string) {
    super();
  }
}
