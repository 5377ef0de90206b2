import { ChangeWriter } from '@billing/audit';
import { isUniqueViolation } from '@billing/core';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { TaxRateExists } from '../../domain/tax-rate.errors';
import { TaxRateRepository } from '../../persistence/tax-rate.repository';
import { TaxRateView, toTaxRateView } from '../../queries/tax-rate.view';
import { ACTIVE_PLACE_UNIQUE } from '../create-tax-rate/create-tax-rate.handler';
import { UpdateTaxRateCommand } from './update-tax-rate.command';

/**
 * Renames, describes, deactivates or reactivates a rate. A deactivated rate is no longer applied to new
 * invoices; issued invoices keep it. Reactivating one while another rate is active for the same place is
 * 409 `tax_rate_exists`.
 */
@CommandHandler(UpdateTaxRateCommand)
export class UpdateTaxRateHandler implements ICommandHandler<UpdateTaxRateCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly dataSource: DataSource,
    private readonly taxRates: TaxRateRepository,
  ) {}

  async execute({ taxRateId, patch, context }: UpdateTaxRateCommand): Promise<TaxRateView> {
    try {
      return await this.writer.run(context, async (manager, now) => {
        const rate = await this.taxRates.getForUpdate(manager, taxRateId);
        const before = toTaxRateView(rate.snapshot());
        rate.update(patch, now);
        return {
          result: toTaxRateView(rate.snapshot()),
          events: eventsOf('tax_rate', rate.id, rate.pullEvents(), toTaxRateView),
          save: () => this.taxRates.save(manager, rate),
          audit: { action: 'update', resourceType: 'tax_rate', resourceId: rate.id, before },
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, ACTIVE_PLACE_UNIQUE)) {
        const rate = await this.taxRates.getById(this.dataSource.manager, taxRateId);
        const existing = await this.taxRates.findActiveAt(this.dataSource.manager, rate.country, rate.region);
        throw new TaxRateExists(rate.country, rate.region, existing?.id);
      }
      throw error;
    }
  }
}
