import type { DunningAction, DunningPolicy } from '../domain/dunning-policy';

/** The dunning policy as the API shows it. */
export interface DunningPolicyView {
  object: 'dunning_policy';
  retry_schedule_days: number[];
  steps: { after_days: number; action: DunningAction }[];
  updated_at: string;
}

export function toDunningPolicyView(policy: DunningPolicy & { updatedAt: Date }): DunningPolicyView {
  return {
    object: 'dunning_policy',
    retry_schedule_days: [...policy.retryScheduleDays],
    steps: policy.steps.map((step) => ({ after_days: step.afterDays, action: step.action })),
    updated_at: policy.updatedAt.toISOString(),
  };
}
