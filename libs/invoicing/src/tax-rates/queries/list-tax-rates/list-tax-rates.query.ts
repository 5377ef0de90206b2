import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { TaxRateView } from '../tax-rate.view';

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
