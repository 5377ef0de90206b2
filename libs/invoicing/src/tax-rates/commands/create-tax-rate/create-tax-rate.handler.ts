import { ChangeWriter } from '@billing/audit';
import { isUniqueViolation } from '@billing/core';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { TaxRateDefinition } from '../../domain/tax-rate';
import { TaxRateExists } from '../../domain/tax-rate.errors';
import { TaxRateRepository } from '../../persistence/tax-rate.repository';
import { TaxRateView, toTaxRateView } from '../../queries/tax-rate.view';
import { CreateTaxRateCommand } from './create-tax-rate.command';

/** The partial unique index of the migration: one active rate per country and region. */
export const ACTIVE_PLACE_UNIQUE = 'tax_rates_active_place_unique';

@CommandHandler(CreateTaxRateCommand)
export class CreateTaxRateHandler implements ICommandHandler<CreateTaxRateCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly dataSource: DataSource,
    private readonly taxRates: TaxRateRepository,
  ) {}

  async execute({ input, context }: CreateTaxRateCommand): Promise<TaxRateView> {
    let rate: TaxRateDefinition | undefined;
    try {
      return await this.writer.run(context, async (manager, now) => {
        const defined = TaxRateDefinition.define(input, now);
        rate = defined;
        return {
          result: toTaxRateView(defined.snapshot()),
          events: eventsOf('tax_rate', defined.id, defined.pullEvents(), toTaxRateView),
          save: () => this.taxRates.insert(manager, defined),
          audit: { action: 'create', resourceType: 'tax_rate', resourceId: defined.id, before: null },
        };
      });
    } catch (error) {
      if (rate && isUniqueViolation(error, ACTIVE_PLACE_UNIQUE)) {
        const existing = await this.taxRates.findActiveAt(this.dataSource.manager, rate.country, rate.region);
        throw new TaxRateExists(rate.country, rate.region, existing?.id);
      }
      throw error;
    }
  }
}
