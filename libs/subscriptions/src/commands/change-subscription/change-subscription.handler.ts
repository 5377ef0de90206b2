import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PlanPricing } from '../../pricing/plan-pricing';
import { assertAccountNotBlocked } from '../account-not-blocked';
import { SubscriptionWriter } from '../../writer/subscription-writer';
import { ChangeSubscriptionCommand } from './change-subscription.command';

@CommandHandler(ChangeSubscriptionCommand)
export class ChangeSubscriptionHandler implements ICommandHandler<ChangeSubscriptionCommand> {
  constructor(
    private readonly writer: SubscriptionWriter,
    private readonly pricing: PlanPricing,
  ) {}

  execute({ subscriptionId, input, context }: ChangeSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, async (subscription, manager, now) => {
      const current = subscription.snapshot();
      await assertAccountNotBlocked(manager, current.accountId);
      const plan = input.planId || input.planCode ? await this.pricing.subscribe(manager, input, current.currency) : current.plan;
      subscription.change({ plan, quantity: input.quantity ?? current.quantity, timing: input.timing, proration: input.proration }, now);
    });
  }
}
