import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { TaxRatePatch } from '../../domain/tax-rate';
import { TaxRateView } from '../../queries/tax-rate.view';

export class UpdateTaxRateCommand extends Command<TaxRateView> {
  constructor(
    readonly taxRateId: string,
    readonly patch: TaxRatePatch,
    readonly context: RequestContext,
  ) {
    super();
  }
}
