import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { DefineTaxRateInput, TaxRateView } from '../../domain/tax-rate';

export class CreateTaxRateCommand extends Command<TaxRateView> {
  constructor(
    readonly input: DefineTaxRateInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
