import { bulkColumns, bulkInsert } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Charge, ChargePriceView, fromChargePriceView, toChargePriceView } from '../domain/charge-models';
import { Plan, PlanChanges, PlanPrice } from '../domain/plan';
import { PlanChargeEntity, PlanEntity, PlanPriceEntity } from './catalog.entities';

type LockMode = 'none' | 'share' | 'update';

const PRICE_COLUMNS = bulkColumns([
  ['plan_id', 'text'],
  ['currency', 'text'],
  ['amount', 'bigint'],
]);
const CHARGE_COLUMNS = bulkColumns([
  ['id', 'text'],
  ['plan_id', 'text'],
  ['position', 'smallint'],
  ['metric_id', 'text'],
  ['model', 'text'],
  ['prices', 'jsonb'],
]);

interface ChargeRow {
  id: string;
  plan_id: string;
  metric_id: string;
  metric_code: string;
  model: Charge['model'];
  prices: ChargePriceView[];
}

/**
 * Loads and saves the Plan aggregate inside the caller's transaction (the catalog's own; other libs go
 * through `Plans` in catalog-api.ts): {@link usePlan} when a subscription starts using a plan, which freezes
 * its prices and charges.
 */
@Injectable()
export class PlanRepository {
  /** The plan with this id, else the one with this code; null when there is none. */
  async findPlan(manager: EntityManager, idOrCode: string, lock: LockMode = 'none'): Promise<Plan | null> {
    const entity = (await this.findEntity(manager, { id: idOrCode }, lock)) ?? (await this.findEntity(manager, { code: idOrCode }, lock));
    if (!entity) return null;
    const [plan] = await this.hydrate(manager, [entity]);
    return plan;
  }

  /** As {@link findPlan}; NotFound (404) when there is none. */
  async getPlan(manager: EntityManager, idOrCode: string): Promise<Plan> {
    const plan = await this.findPlan(manager, idOrCode);
    if (!plan) throw new NotFound('plan', idOrCode);
    return plan;
  }

  /** The plan, its row locked until the transaction ends (for an update). */
  async getForUpdate(manager: EntityManager, idOrCode: string): Promise<Plan> {
    const plan = await this.findPlan(manager, idOrCode, 'update');
    if (!plan) throw new NotFound('plan', idOrCode);
    return plan;
  }

  /**
   * Marks the plan in use and answers it as committed, for a transaction that subscribes to it: the plan's
   * row stays locked (shared) until that transaction ends, so a concurrent PATCH of its prices either
   * committed before (and the answer has its prices) or waits and then fails with 409 `plan_in_use`.
   * Concurrent subscriptions to one plan do not wait for each other once the plan is in use.
   */
  async usePlan(manager: EntityManager, idOrCode: string): Promise<Plan> {
    const found =
      (await this.findEntity(manager, { id: idOrCode }, 'none')) ?? (await this.findEntity(manager, { code: idOrCode }, 'none'));
    if (!found) throw new NotFound('plan', idOrCode);
    // Exclusive lock first (only the first subscription ever takes it), then the shared one: upgrading a
    // shared lock to an exclusive one would deadlock two first subscriptions.
    await this.markInUse(manager, found.id);
    const plan = await this.findPlan(manager, found.id, 'share');
    if (!plan) throw new NotFound('plan', idOrCode);
    return plan;
  }

  /**
   * Records that a subscription uses the plan, in the caller's transaction: from then on its prices and
   * charges cannot change (409 `plan_in_use`). The flag stays set when the subscriptions end, since
   * invoices and history refer to those prices. Prefer {@link usePlan}, which also reads the plan under the
   * lock; call this before reading the plan, not after, to read the prices that the flag freezes.
   */
  private async markInUse(manager: EntityManager, planId: string): Promise<void> {
    const rows: { id: string }[] = await manager.query(`UPDATE plans SET in_use = true WHERE id = $1 AND NOT in_use RETURNING id`, [
      planId,
    ]);
    if (rows.length > 0) return;
    const exists: unknown[] = await manager.query(`SELECT 1 FROM plans WHERE id = $1`, [planId]);
    if (exists.length === 0) throw new NotFound('plan', planId);
  }

  async insert(manager: EntityManager, plan: Plan): Promise<void> {
    const { prices, charges, ...props } = plan.snapshot();
    await manager.insert(PlanEntity, { ...props, version: 1 });
    await this.insertPrices(manager, plan.id, prices);
    await this.insertCharges(manager, plan.id, charges);
  }

  /** Writes the plan's row, and its prices and charges when the update changed them. */
  async save(manager: EntityManager, plan: Plan, changes: PlanChanges): Promise<void> {
    const { id, prices, charges, createdAt: _createdAt, inUse: _inUse, ...row } = plan.snapshot();
    await manager.update(PlanEntity, { id }, row);
    if (changes.prices) {
      await manager.delete(PlanPriceEntity, { planId: id });
      await this.insertPrices(manager, id, prices);
    }
    if (changes.charges) {
      await manager.delete(PlanChargeEntity, { planId: id });
      await this.insertCharges(manager, id, charges);
    }
  }

  /** Plans from their rows, with prices and charges loaded in two queries for all of them. */
  async hydrate(manager: EntityManager, entities: PlanEntity[]): Promise<Plan[]> {
    if (entities.length === 0) return [];
    const ids = entities.map((entity) => entity.id);
    const priceRows: { plan_id: string; currency: string; amount: string }[] = await manager.query(
      `SELECT plan_id, currency, amount FROM plan_prices WHERE plan_id = ANY($1) ORDER BY plan_id, currency`,
      [ids],
    );
    const chargeRows: ChargeRow[] = await manager.query(
      `SELECT c.id, c.plan_id, c.metric_id, m.code AS metric_code, c.model, c.prices
         FROM plan_charges c JOIN metrics m ON m.id = c.metric_id
        WHERE c.plan_id = ANY($1)
        ORDER BY c.plan_id, c.position`,
      [ids],
    );
    const prices = groupBy(priceRows, (row): PlanPrice => ({ currency: row.currency, amount: Number(row.amount) }));
    const charges = groupBy(
      chargeRows,
      (row) =>
        ({
          id: row.id,
          metricId: row.metric_id,
          metricCode: row.metric_code,
          model: row.model,
          prices: row.prices.map(fromChargePriceView),
        }) as Charge,
    );
    return entities.map(({ version: _version, ...entity }) =>
      Plan.restore({ ...entity, prices: prices.get(entity.id) ?? [], charges: charges.get(entity.id) ?? [] }),
    );
  }

  private findEntity(manager: EntityManager, where: { id: string } | { code: string }, lock: LockMode): Promise<PlanEntity | null> {
    return manager.findOne(PlanEntity, {
      where,
      ...(lock === 'update' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      ...(lock === 'share' ? { lock: { mode: 'pessimistic_read' as const } } : {}),
    });
  }

  private async insertPrices(manager: EntityManager, planId: string, prices: readonly PlanPrice[]): Promise<void> {
    await bulkInsert(
      manager,
      'plan_prices',
      PRICE_COLUMNS,
      prices.map((price) => [planId, price.currency, price.amount]),
    );
  }

  private async insertCharges(manager: EntityManager, planId: string, charges: readonly Charge[]): Promise<void> {
    await bulkInsert(
      manager,
      'plan_charges',
      CHARGE_COLUMNS,
      charges.map((charge, position) => [
        charge.id,
        planId,
        position,
        charge.metricId,
        charge.model,
        (charge.prices as Charge['prices'][number][]).map(toChargePriceView),
      ]),
    );
  }
}

function groupBy<R extends { plan_id: string }, T>(rows: R[], map: (row: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.plan_id) ?? [];
    group.push(map(row));
    groups.set(row.plan_id, group);
  }
  return groups;
}
