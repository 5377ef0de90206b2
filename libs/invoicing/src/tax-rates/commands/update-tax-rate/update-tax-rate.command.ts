import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { TaxRatePatch, TaxRateView } from '../../domain/tax-rate';

export class UpdateTaxRateCommand extends Command<TaxRateView> {
  constructor(
    readonly taxRateId: string,
    readonly patch: TaxRatePatch,
    readonly context: RequestContext,
  ) {
    super();
  }
}
