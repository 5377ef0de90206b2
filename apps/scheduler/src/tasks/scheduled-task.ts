/** Repeatable work driven by the billing clock (test clock or wall clock), run by one scheduler at a time. */
export interface ScheduledTask {
  readonly name: string;
  readonly everyMs: number;
  /** Does everything due by `now`; must be idempotent (a job may run twice). */
  run(now: Date): Promise<void>;
}

export const SCHEDULED_TASKS = Symbol('SCHEDULED_TASKS');
