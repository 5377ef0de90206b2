import { recordAudit } from '@billing/audit';
import { appendToOutbox, isUniqueViolation } from '@billing/core';
import { Clock } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { TaxRateView, toTaxRateView } from '../../domain/tax-rate';
import { TaxRateExists } from '../../domain/tax-rate.errors';
import { TaxRateRepository } from '../../persistence/tax-rate.repository';
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
    private readonly dataSource: DataSource,
    private readonly taxRates: TaxRateRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ taxRateId, patch, context }: UpdateTaxRateCommand): Promise<TaxRateView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rate = await this.taxRates.getForUpdate(manager, taxRateId);
        const before = toTaxRateView(rate.snapshot());
        const now = this.clock.now();
        rate.update(patch, now);
        const events = rate.pullEvents();
        const after = toTaxRateView(rate.snapshot());
        if (events.length === 0) return after;
        await this.taxRates.save(manager, rate);
        await appendToOutbox(manager, events, context.requestId);
        await recordAudit(manager, context, {
          action: 'update',
          resourceType: 'tax_rate',
          resourceId: rate.id,
          before,
          after,
          at: now,
        });
        return after;
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
