import { Query } from '@nestjs/cqrs';
import { TaxRateView } from '../tax-rate.view';

export class GetTaxRateQuery extends Query<TaxRateView> {
  constructor(readonly taxRateId: string) {
    super();
  }
}
