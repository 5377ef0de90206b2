import { Page, paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { TaxRateView, toTaxRateView } from '../tax-rate.view';
import { TaxRateEntity } from '../../persistence/tax-rate.entity';
import { ListTaxRatesQuery } from './list-tax-rates.query';

@QueryHandler(ListTaxRatesQuery)
export class ListTaxRatesHandler implements IQueryHandler<ListTaxRatesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filters, page }: ListTaxRatesQuery): Promise<Page<TaxRateView>> {
    const query = this.dataSource.manager.createQueryBuilder(TaxRateEntity, 'rate');
    if (filters.country !== undefined) query.andWhere('rate.country = :country', { country: filters.country });
    if (filters.active !== undefined) query.andWhere('rate.active = :active', { active: filters.active });
    return paginate(query, page, toTaxRateView);
  }
}
