import type { OverdueState } from '@billing/accounts/domain';
import { FieldError } from '@billing/kernel';

export const DUNNING_ACTIONS = ['notify', 'block', 'cancel'] as const;
export type DunningAction = (typeof DUNNING_ACTIONS)[number];

export interface DunningStep {
  afterDays: number;
  action: DunningAction;
}

/** The deployment's dunning policy: when failed payments are retried and when overdue accounts escalate. */
export interface DunningPolicy {
  /** Days after an invoice's due date on which its payment is retried, ascending. */
  retryScheduleDays: number[];
  /** Days after the oldest unpaid invoice's due date on which the account moves to the action's state. */
  steps: DunningStep[];
}

export const MAX_RETRIES = 10;
export const MAX_DAYS = 365;
const DAY_MS = 86_400_000;

/** The policy of a first start (as migrated): Stripe-like retries over a week, a warning, a block at two weeks, an end at a month. */
export const DEFAULT_DUNNING_POLICY: DunningPolicy = {
  retryScheduleDays: [1, 3, 5, 7],
  steps: [
    { afterDays: 3, action: 'notify' },
    { afterDays: 14, action: 'block' },
    { afterDays: 30, action: 'cancel' },
  ],
};

/** The overdue state each step's action puts an account in. */
export const STATE_OF_ACTION: Readonly<Record<DunningAction, OverdueState>> = { notify: 'warning', block: 'blocked', cancel: 'cancelled' };
const RANK: Readonly<Record<OverdueState, number>> = { ok: 0, warning: 1, blocked: 2, cancelled: 3 };

/**
 * What is wrong with a policy, field by field (after the request's shape is checked): retry days within
 * 0–365, strictly ascending, at most 10; steps strictly ascending by day, each action at most once, `cancel`
 * last.
 */
export function dunningPolicyErrors(policy: DunningPolicy): FieldError[] {
  const errors: FieldError[] = [];
  const { retryScheduleDays: days, steps } = policy;
  if (days.length > MAX_RETRIES) errors.push({ field: 'retry_schedule_days', message: `must have at most ${MAX_RETRIES} retries` });
  days.forEach((day, index) => {
    if (!Number.isInteger(day) || day < 0 || day > MAX_DAYS)
      errors.push({ field: `retry_schedule_days[${index}]`, message: `must be a whole number of days from 0 to ${MAX_DAYS}` });
    else if (index > 0 && day <= days[index - 1])
      errors.push({ field: `retry_schedule_days[${index}]`, message: 'must be later than the retry before it (ascending days)' });
  });
  const seen = new Set<DunningAction>();
  steps.forEach((step, index) => {
    if (!Number.isInteger(step.afterDays) || step.afterDays < 0 || step.afterDays > MAX_DAYS)
      errors.push({ field: `steps[${index}].after_days`, message: `must be a whole number of days from 0 to ${MAX_DAYS}` });
    else if (index > 0 && step.afterDays <= steps[index - 1].afterDays)
      errors.push({ field: `steps[${index}].after_days`, message: 'must be later than the step before it (ascending days)' });
    if (seen.has(step.action)) errors.push({ field: `steps[${index}].action`, message: `"${step.action}" may appear only once` });
    seen.add(step.action);
    if (step.action === 'cancel' && index !== steps.length - 1)
      errors.push({ field: `steps[${index}].action`, message: '"cancel" must be the last step' });
  });
  return errors;
}

/** How many of the policy's retries are due by `now` for an invoice due at `dueAt`. */
export function retriesDueBy(policy: DunningPolicy, dueAt: Date, now: Date): number {
  return policy.retryScheduleDays.filter((day) => dueAt.getTime() + day * DAY_MS <= now.getTime()).length;
}

/** The state the policy gives an account whose oldest unpaid invoice was due at `oldestDueAt`. */
export function overdueStateAt(policy: DunningPolicy, oldestDueAt: Date, now: Date): OverdueState {
  let state: OverdueState = 'ok';
  for (const step of policy.steps) {
    if (oldestDueAt.getTime() + step.afterDays * DAY_MS > now.getTime()) continue;
    const reached = STATE_OF_ACTION[step.action];
    if (RANK[reached] > RANK[state]) state = reached;
  }
  return state;
}

/**
 * Where an account goes on the clock: only further along the steps (a recovery, not the clock, brings it
 * back to `ok`), so each step happens once per case whatever the number of evaluations.
 */
export function escalation(current: OverdueState, due: OverdueState): OverdueState | null {
  return RANK[due] > RANK[current] ? due : null;
}

/** The earliest day any step happens: accounts overdue for less than this have nothing to evaluate. */
export function firstStepDays(policy: DunningPolicy): number | null {
  return policy.steps.length === 0 ? null : Math.min(...policy.steps.map((step) => step.afterDays));
}

/** `days` whole days (of 24 hours) before `now`. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
