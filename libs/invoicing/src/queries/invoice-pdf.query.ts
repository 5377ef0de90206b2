import { AccountEntity } from '@billing/accounts';
import { AppConfig, APP_CONFIG, NotFound } from '@billing/core';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { amountRemaining } from '../domain/invoice-view';
import { InvoiceEntity, InvoiceLineEntity } from '../persistence/invoice.entity';
import { renderInvoicePdf } from '../pdf/invoice-pdf';

export class GetInvoicePdfQuery extends Query<Buffer> {
  constructor(readonly invoiceId: string) {
    super();
  }
}

@QueryHandler(GetInvoicePdfQuery)
export class GetInvoicePdfHandler implements IQueryHandler<GetInvoicePdfQuery> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ invoiceId }: GetInvoicePdfQuery): Promise<Buffer> {
    const invoice = await this.dataSource.manager.findOneBy(InvoiceEntity, { id: invoiceId });
    if (!invoice) throw new NotFound('invoice', invoiceId);
    const [lines, account] = await Promise.all([
      this.dataSource.manager.find(InvoiceLineEntity, { where: { invoiceId }, order: { position: 'ASC' } }),
      this.dataSource.manager.findOneByOrFail(AccountEntity, { id: invoice.accountId }),
    ]);
    return renderInvoicePdf({
      number: invoice.number,
      status: invoice.status,
      currency: invoice.currency,
      issuedAt: invoice.issuedAt,
      dueAt: invoice.dueAt,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      seller: { name: this.config.sellerName, address: this.config.sellerAddress, country: this.config.sellerCountry },
      buyer: { name: account.name, email: account.email, address: account.address, taxId: account.taxId },
      lines: lines.map((line) => ({
        description: line.description,
        quantity: line.quantity,
        unitAmount: line.unitAmount,
        amount: line.amount,
        taxAmount: line.taxAmount,
        taxRate: null,
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
      timeZone: account.timezone,
    });
  }
}
