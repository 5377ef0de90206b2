import { Page, PageRequest, paginate } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { InvoiceView, toInvoiceView } from './invoice.view';
import { InvoiceStatus } from '../domain/invoice-record';
import { InvoiceEntity, InvoiceLineEntity } from '../persistence/invoice.entity';

export class GetInvoiceQuery extends Query<InvoiceView> {
  constructor(readonly invoiceId: string) {
    super();
  }
}

export class ListInvoicesQuery extends Query<Page<InvoiceView>> {
  constructor(
    readonly filters: { accountId?: string; subscriptionId?: string; status?: InvoiceStatus },
    readonly page: PageRequest,
  ) {
    super();
  }
}

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

@QueryHandler(ListInvoicesQuery)
export class ListInvoicesHandler implements IQueryHandler<ListInvoicesQuery> {
  constructor(
    @InjectRepository(InvoiceEntity) private readonly invoices: Repository<InvoiceEntity>,
    @InjectRepository(InvoiceLineEntity) private readonly lines: Repository<InvoiceLineEntity>,
  ) {}

  async execute({ filters, page }: ListInvoicesQuery) {
    const query = this.invoices.createQueryBuilder('invoice');
    if (filters.accountId) query.andWhere('invoice.accountId = :accountId', { accountId: filters.accountId });
    if (filters.subscriptionId) query.andWhere('invoice.subscriptionId = :subscriptionId', { subscriptionId: filters.subscriptionId });
    if (filters.status) query.andWhere('invoice.status = :status', { status: filters.status });
    const found = await paginate(query, page, (invoice) => invoice);
    const lines = found.data.length ? await this.lines.findBy({ invoiceId: In(found.data.map((invoice) => invoice.id)) }) : [];
    return {
      ...found,
      data: found.data.map((invoice) =>
        toInvoiceView(
          invoice,
          lines.filter((line) => line.invoiceId === invoice.id),
        ),
      ),
    };
  }
}
