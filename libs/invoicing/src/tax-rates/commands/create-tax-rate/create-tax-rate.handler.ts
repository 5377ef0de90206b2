import { recordAudit } from '@billing/audit';
import { appendToOutbox, isUniqueViolation } from '@billing/core';
import { Clock } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { TaxRateDefinition, TaxRateView, toTaxRateView } from '../../domain/tax-rate';
import { TaxRateExists } from '../../domain/tax-rate.errors';
import { TaxRateRepository } from '../../persistence/tax-rate.repository';
import { CreateTaxRateCommand } from './create-tax-rate.command';

/** The partial unique index of the migration: one active rate per country and region. */
export const ACTIVE_PLACE_UNIQUE = 'tax_rates_active_place_unique';

@CommandHandler(CreateTaxRateCommand)
export class CreateTaxRateHandler implements ICommandHandler<CreateTaxRateCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly taxRates: TaxRateRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, context }: CreateTaxRateCommand): Promise<TaxRateView> {
    const now = this.clock.now();
    const rate = TaxRateDefinition.define(input, now);
    const view = toTaxRateView(rate.snapshot());
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.taxRates.insert(manager, rate);
        await appendToOutbox(manager, rate.pullEvents(), context.requestId);
        await recordAudit(manager, context, {
          action: 'create',
          resourceType: 'tax_rate',
          resourceId: rate.id,
          before: null,
          after: view,
          at: now,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, ACTIVE_PLACE_UNIQUE)) {
        const existing = await this.taxRates.findActiveAt(this.dataSource.manager, rate.country, rate.region);
        throw new TaxRateExists(rate.country, rate.region, existing?.id);
      }
      throw error;
    }
    return view;
  }
}
