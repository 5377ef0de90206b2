import { Plans } from '@billing/catalog';
import { NotFound, ValidationFailed } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SubscribedPlan } from '../domain/subscribed-plan';
import { PlanNotPricedInCurrency } from '../domain/subscription.errors';

export interface PlanReference {
  planId?: string;
  planCode?: string;
}

/** Resolves the plan a subscription names, priced in the account's currency, and marks it in use. */
@Injectable()
export class PlanPricing {
  async subscribe(manager: EntityManager, reference: PlanReference, currency: string): Promise<SubscribedPlan> {
    const field = reference.planId ? 'plan_id' : 'plan_code';
    const idOrCode = reference.planId ?? reference.planCode;
    if (!idOrCode) throw new ValidationFailed([{ field: 'plan_id', message: 'plan_id or plan_code is required' }]);
    // Plans.use marks the plan in use and reads it under lock, so a concurrent price change cannot slip in
    // between; a refusal below rolls the mark back with the transaction.
    const plan = await Plans.use(manager, idOrCode).catch((error: unknown) => {
      throw error instanceof NotFound ? new ValidationFailed([{ field, message: `no plan "${idOrCode}"` }]) : error;
    });
    const unitAmount = plan.priceIn(currency);
    if (unitAmount === undefined) throw new PlanNotPricedInCurrency(plan.code, currency);
    return {
      id: plan.id,
      code: plan.code,
      interval: plan.interval,
      intervalCount: plan.intervalCount,
      trialDays: plan.trialDays,
      unitAmount,
    };
  }
}
