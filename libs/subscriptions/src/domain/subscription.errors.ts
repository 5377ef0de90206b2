import { DomainError, InvalidState, ValidationFailed } from '@billing/kernel';

export class PlanNotPricedInCurrency extends DomainError {
  constructor(planCode: string, currency: string) {
    super('validation', 'plan_currency_unavailable', `Plan "${planCode}" has no price in ${currency}, the account's currency.`, [
      { field: 'plan_id', message: `has no price in ${currency}` },
    ]);
  }
}

export class StartInThePast extends ValidationFailed {
  constructor() {
    super([{ field: 'start_at', message: 'must not be in the past' }], 'A subscription cannot start in the past.');
  }
}

export function cannot(action: string, status: string): InvalidState {
  return new InvalidState(`A ${status} subscription cannot be ${action}.`);
}

export class NothingToChange extends DomainError {
  constructor() {
    super('validation', 'nothing_to_change', 'The subscription already has this plan and quantity, and no change is pending.', [
      { field: 'plan_id', message: 'is the current plan, with the current quantity' },
    ]);
  }
}

/** Dunning blocked the account: no new subscription, change or resume until it pays what is overdue. */
export class AccountBlocked extends DomainError {
  constructor(accountId: string) {
    super('conflict', 'account_blocked', `Account ${accountId} is blocked by dunning until it pays what is overdue.`);
  }
}
