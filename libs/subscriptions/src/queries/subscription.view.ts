import type { SubscriptionProps, SubscriptionStatus } from '../domain/subscription';

/** A subscription as the API shows it, and the payload of its events. */
export interface SubscriptionView {
  id: string;
  object: 'subscription';
  account_id: string;
  plan_id: string;
  plan_code: string;
  quantity: number;
  currency: string;
  status: SubscriptionStatus;
  current_period_start: string;
  current_period_end: string;
  trial_end: string | null;
  cancel_at_period_end: boolean;
  pause_at_period_end: boolean;
  canceled_at: string | null;
  ended_at: string | null;
  paused_at: string | null;
  pending_change: { plan_id: string; plan_code: string; quantity: number; effective_at: string } | null;
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export function toSubscriptionView(props: Readonly<SubscriptionProps>): SubscriptionView {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    id: props.id,
    object: 'subscription',
    account_id: props.accountId,
    plan_id: props.plan.id,
    plan_code: props.plan.code,
    quantity: props.quantity,
    currency: props.currency,
    status: props.status,
    current_period_start: props.currentPeriodStart.toISOString(),
    current_period_end: props.currentPeriodEnd.toISOString(),
    trial_end: iso(props.trialEnd),
    cancel_at_period_end: props.cancelAtPeriodEnd,
    pause_at_period_end: props.pauseAtPeriodEnd,
    canceled_at: iso(props.canceledAt),
    ended_at: iso(props.endedAt),
    paused_at: iso(props.pausedAt),
    pending_change: props.pendingChange
      ? {
          plan_id: props.pendingChange.plan.id,
          plan_code: props.pendingChange.plan.code,
          quantity: props.pendingChange.quantity,
          effective_at: props.pendingChange.effectiveAt.toISOString(),
        }
      : null,
    metadata: props.metadata,
    created_at: props.createdAt.toISOString(),
    updated_at: props.updatedAt.toISOString(),
  };
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'subscription.created': SubscriptionView;
    'subscription.updated': SubscriptionView;
    'subscription.trial_will_end': SubscriptionView;
    'subscription.paused': SubscriptionView;
    'subscription.resumed': SubscriptionView;
    'subscription.canceled': SubscriptionView;
  }
}
