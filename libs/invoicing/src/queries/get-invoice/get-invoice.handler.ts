import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toInvoiceView } from '../invoice.view';
import { InvoiceEntity, InvoiceLineEntity } from '../../persistence/invoice.entity';
import { GetInvoiceQuery } from './get-invoice.query';

@QueryHandler(GetInvoiceQuery)
export class GetInvoiceHandler implements IQueryHandler<GetInvoiceQuery> {
  constructor(
    @InjectRepository(InvoiceEntity) private readonly invoices: Repository<InvoiceEntity>,
    @InjectRepository(InvoiceLineEntity) private readonly lines: Repository<InvoiceLineEntity>,
  ) {}

  async execute({ invoiceId }: GetInvoiceQuery) {
    const invoice = await this.invoices.findOneBy({ id: invoiceId });
    if (!invoice) throw new NotFound('invoice', invoiceId);
    return toInvoiceView(invoice, await this.lines.findBy({ invoiceId }));
  }
}
