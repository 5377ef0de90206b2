import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { TaxRateView, toTaxRateView } from '../tax-rate.view';
import { TaxRateRepository } from '../../persistence/tax-rate.repository';
import { GetTaxRateQuery } from './get-tax-rate.query';

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
