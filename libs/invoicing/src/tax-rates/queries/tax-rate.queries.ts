import { Page, PageRequest, paginate } from '@billing/core';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { TaxRateView, toTaxRateView } from './tax-rate.view';
import { TaxRateEntity } from '../persistence/tax-rate.entity';
import { TaxRateRepository } from '../persistence/tax-rate.repository';

export class GetTaxRateQuery extends Query<TaxRateView> {
  constructor(readonly taxRateId: string) {
    super();
  }
}

export interface TaxRateFilters {
  country?: string;
  active?: boolean;
}

export class ListTaxRatesQuery extends Query<Page<TaxRateView>> {
  constructor(
    readonly filters: TaxRateFilters,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(GetTaxRateQuery)
export class GetTaxRateHandler implements IQueryHandler<GetTaxRateQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly taxRates: TaxRateRepository,
  ) {}

  async execute({ taxRateId }: GetTaxRateQuery): Promise<TaxRateView> {
    const rate = await this.taxRates.getById(this.dataSource.manager, taxRateId);
    return toTaxRateView(rate.snapshot());
  }
}

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
