import { SubscriptionProps } from '../domain/subscription';
import { SubscriptionEntity } from './subscription.entity';

export function toSubscriptionProps(entity: SubscriptionEntity): SubscriptionProps {
  const { version: _version, planId: _planId, planCode: _planCode, timezone, pendingChange, ...rest } = entity;
  return {
    ...rest,
    timeZone: timezone,
    pendingChange: pendingChange
      ? { plan: pendingChange.plan, quantity: pendingChange.quantity, effectiveAt: new Date(pendingChange.effective_at) }
      : null,
  };
}

export function toSubscriptionRow(props: SubscriptionProps): Omit<SubscriptionEntity, 'version'> {
  const { timeZone, pendingChange, ...rest } = props;
  return {
    ...rest,
    planId: props.plan.id,
    planCode: props.plan.code,
    timezone: timeZone,
    pendingChange: pendingChange
      ? { plan: pendingChange.plan, quantity: pendingChange.quantity, effective_at: pendingChange.effectiveAt.toISOString() }
      : null,
  };
}
