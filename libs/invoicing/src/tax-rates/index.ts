/**
 * Tax rates (API.md, "Taxes"), a slice of the invoicing lib, whose index re-exports its commands, queries,
 * view, domain and errors (not the entity nor the repository below, which stay inside the lib).
 *
 * For the invoicing engine:
 * - `TaxRateRepository.activeRates(manager)`: every active rate, as the `TaxRate` that `taxTreatment`
 *   (libs/invoicing/src/domain/taxes.ts) resolves per account; `findRates(manager, ids)` reads rates that
 *   issued lines refer to, deactivated ones included.
 * - `TaxRatesModule` provides and exports the repository.
 *
 * A rate's percentage, country, region and inclusiveness never change (invoice lines refer to it by id);
 * name, description and `active` do. At most one active rate per country and region (409 `tax_rate_exists`).
 */
export * from './domain/tax-rate';
export * from './queries/tax-rate.view';
export * from './domain/tax-rate.errors';
export * from './commands/create-tax-rate/create-tax-rate.command';
export * from './commands/update-tax-rate/update-tax-rate.command';
export * from './queries/get-tax-rate/get-tax-rate.query';
export * from './queries/list-tax-rates/list-tax-rates.query';
export * from './persistence/tax-rate.entity';
export * from './persistence/tax-rate.repository';
export * from './tax-rates.module';
