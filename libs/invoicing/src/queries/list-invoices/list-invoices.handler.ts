import { paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { toInvoiceView } from '../invoice.view';
import { InvoiceEntity, InvoiceLineEntity } from '../../persistence/invoice.entity';
import { ListInvoicesQuery } from './list-invoices.query';

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
