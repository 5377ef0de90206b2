import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CreditNoteEntity, InvoiceEntity } from '../../persistence/invoice.entity';
import { renderCreditNotePdf } from '../../pdf/credit-note-pdf';
import { buyerOf, sellerOf } from '../../pdf/snapshot-parties';
import { PdfFile } from '../pdf-file.view';
import { GetCreditNotePdfQuery } from './get-credit-note-pdf.query';

/** The credit note as a PDF, from its own snapshot (the parties when it was issued). */
@QueryHandler(GetCreditNotePdfQuery)
export class GetCreditNotePdfHandler implements IQueryHandler<GetCreditNotePdfQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ creditNoteId }: GetCreditNotePdfQuery): Promise<PdfFile> {
    const note = await this.dataSource.manager.findOneBy(CreditNoteEntity, { id: creditNoteId });
    if (!note) throw new NotFound('credit note', creditNoteId);
    const invoice = await this.dataSource.manager.findOneByOrFail(InvoiceEntity, { id: note.invoiceId });
    const { snapshot } = note;
    const content = await renderCreditNotePdf({
      number: note.number,
      invoiceNumber: invoice.number,
      issuedAt: note.createdAt,
      currency: note.currency,
      timeZone: snapshot.time_zone,
      seller: sellerOf(snapshot.seller),
      buyer: buyerOf(snapshot),
      reason: note.reason,
      appliedTo: note.refund ? 'refund' : note.appliedTo,
      subtotal: note.subtotal,
      tax: note.tax,
      total: note.amount,
      taxRate: Object.values(snapshot.tax_rates)[0] ?? null,
    });
    return { filename: `${note.number}.pdf`, content };
  }
}
