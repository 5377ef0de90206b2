import { Conflict } from '@billing/kernel';

export class MetricCodeTaken extends Conflict {
  constructor(code: string) {
    super('metric_code_taken', `A metric with code "${code}" exists already.`);
  }
}

export class PlanCodeTaken extends Conflict {
  constructor(code: string) {
    super('plan_code_taken', `A plan with code "${code}" exists already.`);
  }
}

/** Prices and charges are fixed once a subscription has used the plan: create a new plan instead. */
export class PlanInUse extends Conflict {
  constructor(planId: string) {
    super(
      'plan_in_use',
      `Plan "${planId}" has subscriptions, so its prices and charges cannot change; create a new plan and move the subscriptions to it.`,
    );
  }
}
