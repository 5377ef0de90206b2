import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { amountRemaining } from '../../domain/invoice';
import { InvoiceEntity, InvoiceLineEntity } from '../../persistence/invoice.entity';
import { renderInvoicePdf } from '../../pdf/invoice-pdf';
import { buyerOf, sellerOf } from '../../pdf/snapshot-parties';
import { PdfFile } from '../pdf-file.view';
import { GetInvoicePdfQuery } from './get-invoice-pdf.query';

/**
 * The invoice as a PDF, rendered from its snapshot (buyer, seller, names, tax rates as they were when it
 * was issued) and its lines, so that it never changes after a rename or a new seller setting; only its
 * status and what was paid are current.
 */
@QueryHandler(GetInvoicePdfQuery)
export class GetInvoicePdfHandler implements IQueryHandler<GetInvoicePdfQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ invoiceId }: GetInvoicePdfQuery): Promise<PdfFile> {
    const invoice = await this.dataSource.manager.findOneBy(InvoiceEntity, { id: invoiceId });
    if (!invoice) throw new NotFound('invoice', invoiceId);
    const lines = await this.dataSource.manager.find(InvoiceLineEntity, { where: { invoiceId }, order: { position: 'ASC' } });
    const { snapshot } = invoice;
    const content = await renderInvoicePdf({
      number: invoice.number,
      status: invoice.status,
      currency: invoice.currency,
      issuedAt: invoice.issuedAt,
      dueAt: invoice.dueAt,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      seller: sellerOf(snapshot.seller),
      buyer: buyerOf(snapshot),
      lines: lines.map((line) => ({
        description: line.description,
        quantity: line.quantity,
        unitAmount: line.unitAmount,
        amount: line.amount,
        taxAmount: line.taxAmount,
        taxRate: (line.taxRateId && snapshot.tax_rates[line.taxRateId]) || null,
        periodStart: line.periodStart,
        periodEnd: line.periodEnd,
      })),
      subtotal: invoice.subtotal,
      tax: invoice.tax,
      total: invoice.total,
      creditApplied: invoice.creditApplied,
      amountDue: invoice.amountDue,
      amountPaid: invoice.amountPaid,
      amountRemaining: amountRemaining(invoice),
      notes: invoice.notes,
      timeZone: snapshot.time_zone,
    });
    return { filename: `${invoice.number}.pdf`, content };
  }
}
