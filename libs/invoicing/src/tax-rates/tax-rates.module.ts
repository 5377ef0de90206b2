import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateTaxRateHandler } from './commands/create-tax-rate/create-tax-rate.handler';
import { UpdateTaxRateHandler } from './commands/update-tax-rate/update-tax-rate.handler';
import { TaxRateEntity } from './persistence/tax-rate.entity';
import { TaxRateRepository } from './persistence/tax-rate.repository';
import { GetTaxRateHandler } from './queries/get-tax-rate/get-tax-rate.handler';
import { ListTaxRatesHandler } from './queries/list-tax-rates/list-tax-rates.handler';

/** Tax rates: their API's commands and queries, and {@link TaxRateRepository} for the invoicing engine. */
@Module({
  imports: [TypeOrmModule.forFeature([TaxRateEntity])],
  providers: [TaxRateRepository, CreateTaxRateHandler, UpdateTaxRateHandler, GetTaxRateHandler, ListTaxRatesHandler],
  exports: [TaxRateRepository],
})
export class TaxRatesModule {}
