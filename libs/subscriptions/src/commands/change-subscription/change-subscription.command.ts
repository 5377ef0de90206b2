import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { Proration, Timing } from '../../domain/subscription';
import { PlanReference } from '../../pricing/plan-pricing';
import { SubscriptionView } from '../../queries/subscription.view';

export interface ChangeSubscriptionInput extends PlanReference {
  quantity?: number;
  timing: Timing;
  proration: Proration;
}

export class ChangeSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly input: ChangeSubscriptionInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
