import { NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { TaxRate } from '../../domain/taxes';
import { TaxRateDefinition, toTaxRate } from '../domain/tax-rate';
import { TaxRateEntity } from './tax-rate.entity';

/**
 * Tax rates, inside the caller's transaction. Part of the invoicing engine's read API: it calls
 * {@link activeRates} and lets `taxTreatment` pick the account's rate.
 */
@Injectable()
export class TaxRateRepository {
  async insert(manager: EntityManager, rate: TaxRateDefinition): Promise<void> {
    await manager.insert(TaxRateEntity, { ...rate.snapshot() });
  }

  async save(manager: EntityManager, rate: TaxRateDefinition): Promise<void> {
    const { id, name, description, active, updatedAt } = rate.snapshot();
    await manager.update(TaxRateEntity, { id }, { name, description, active, updatedAt });
  }

  async findById(manager: EntityManager, id: string): Promise<TaxRateDefinition | null> {
    const entity = await manager.findOneBy(TaxRateEntity, { id });
    return entity ? TaxRateDefinition.restore(entity) : null;
  }

  /** As {@link findById}; NotFound (404) when there is none. */
  async getById(manager: EntityManager, id: string): Promise<TaxRateDefinition> {
    const rate = await this.findById(manager, id);
    if (!rate) throw new NotFound('tax rate', id);
    return rate;
  }

  /** The rate under a row lock, for an update. NotFound (404) when there is none. */
  async getForUpdate(manager: EntityManager, id: string): Promise<TaxRateDefinition> {
    const entity = await manager.findOne(TaxRateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!entity) throw new NotFound('tax rate', id);
    return TaxRateDefinition.restore(entity);
  }

  /** Every active rate, oldest first: what new invoices are taxed with (`taxTreatment` picks per account). */
  async activeRates(manager: EntityManager): Promise<TaxRate[]> {
    const entities = await manager.find(TaxRateEntity, { where: { active: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return entities.map(toTaxRate);
  }

  /** The rates with these ids, active or not (lines of past invoices refer to deactivated ones too). */
  async findRates(manager: EntityManager, ids: readonly string[]): Promise<Map<string, TaxRate>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const entities = await manager.findBy(TaxRateEntity, { id: In(wanted) });
    return new Map(entities.map((entity) => [entity.id, toTaxRate(entity)]));
  }

  /** The active rate of exactly this place (region compared case-insensitively), if any. */
  async findActiveAt(manager: EntityManager, country: string, region: string | null): Promise<TaxRateDefinition | null> {
    const entity = await manager
      .createQueryBuilder(TaxRateEntity, 'rate')
      .where('rate.active AND rate.country = :country', { country })
      .andWhere(`lower(coalesce(rate.region, '')) = lower(:region)`, { region: region ?? '' })
      .getOne();
    return entity ? TaxRateDefinition.restore(entity) : null;
  }
}
