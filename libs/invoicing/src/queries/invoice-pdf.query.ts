import { NotFound } from '@billing/kernel';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { InvoiceSnapshot, SellerSnapshot } from '../domain/invoice-snapshot';
import { amountRemaining } from '../domain/invoice';
import { CreditNoteEntity, InvoiceEntity, InvoiceLineEntity } from '../persistence/invoice.entity';
import { renderCreditNotePdf } from '../pdf/credit-note-pdf';
import { Buyer, Seller } from '../pdf/document-parts';
import { renderInvoicePdf } from '../pdf/invoice-pdf';

/** A rendered document and the name it downloads under (`INV-000042.pdf`). */
export interface PdfFile {
  filename: string;
  content: Buffer;
}

export class GetInvoicePdfQuery extends Query<PdfFile> {
  constructor(readonly invoiceId: string) {
    super();
  }
}

export class GetCreditNotePdfQuery extends Query<PdfFile> {
  constructor(readonly creditNoteId: string) {
    super();
  }
}

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

function sellerOf(seller: SellerSnapshot): Seller {
  return {
    name: seller.name,
    address: seller.address ?? undefined,
    country: seller.country ?? undefined,
    taxId: seller.tax_id ?? undefined,
  };
}

function buyerOf({ buyer }: InvoiceSnapshot): Buyer {
  return { name: buyer.name, email: buyer.email, address: buyer.address, taxId: buyer.tax_id };
}
