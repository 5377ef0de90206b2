import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { PlanReference } from '../../pricing/plan-pricing';
import { SubscriptionView } from '../../queries/subscription.view';

export interface CreateSubscriptionInput extends PlanReference {
  accountId: string;
  quantity: number;
  startAt?: Date;
  trialDays?: number;
  metadata?: Record<string, string>;
}

export class CreateSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly input: CreateSubscriptionInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
