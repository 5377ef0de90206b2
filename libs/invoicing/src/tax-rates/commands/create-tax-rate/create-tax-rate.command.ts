import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { DefineTaxRateInput } from '../../domain/tax-rate';
import { TaxRateView } from '../../queries/tax-rate.view';

export class CreateTaxRateCommand extends Command<TaxRateView> {
  constructor(
    readonly input: DefineTaxRateInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
