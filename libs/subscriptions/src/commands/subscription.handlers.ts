import { BillingProfiles } from '@billing/accounts';
import { ValidationFailed } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Subscription } from '../domain/subscription';
import { PlanPricing } from './plan-pricing';
import {
  CancelSubscriptionCommand,
  ChangeSubscriptionCommand,
  CreateSubscriptionCommand,
  PauseSubscriptionCommand,
  ResumeSubscriptionCommand,
} from './subscription.commands';
import { SubscriptionWriter } from './subscription-writer';

@CommandHandler(CreateSubscriptionCommand)
export class CreateSubscriptionHandler implements ICommandHandler<CreateSubscriptionCommand> {
  constructor(
    private readonly writer: SubscriptionWriter,
    private readonly pricing: PlanPricing,
  ) {}

  execute({ input, context }: CreateSubscriptionCommand) {
    return this.writer.create(context, async (manager, now) => {
      const account = await BillingProfiles.find(manager, input.accountId);
      if (!account) throw new ValidationFailed([{ field: 'account_id', message: `no account "${input.accountId}"` }]);
      const plan = await this.pricing.subscribe(manager, input, account.currency);
      return Subscription.start(
        {
          account: { id: account.id, currency: account.currency, timeZone: account.timeZone, billCycleDay: account.billCycleDay },
          plan,
          quantity: input.quantity,
          startAt: input.startAt ?? now,
          trialDays: input.trialDays,
          metadata: input.metadata,
        },
        now,
      );
    });
  }
}

@CommandHandler(ChangeSubscriptionCommand)
export class ChangeSubscriptionHandler implements ICommandHandler<ChangeSubscriptionCommand> {
  constructor(
    private readonly writer: SubscriptionWriter,
    private readonly pricing: PlanPricing,
  ) {}

  execute({ subscriptionId, input, context }: ChangeSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, async (subscription, manager, now) => {
      const current = subscription.snapshot();
      const plan = input.planId || input.planCode ? await this.pricing.subscribe(manager, input, current.currency) : current.plan;
      subscription.change({ plan, quantity: input.quantity ?? current.quantity, timing: input.timing, proration: input.proration }, now);
    });
  }
}

@CommandHandler(CancelSubscriptionCommand)
export class CancelSubscriptionHandler implements ICommandHandler<CancelSubscriptionCommand> {
  constructor(private readonly writer: SubscriptionWriter) {}

  execute({ subscriptionId, timing, proration, context }: CancelSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, (subscription, _manager, now) => subscription.cancel(timing, proration, now));
  }
}

@CommandHandler(PauseSubscriptionCommand)
export class PauseSubscriptionHandler implements ICommandHandler<PauseSubscriptionCommand> {
  constructor(private readonly writer: SubscriptionWriter) {}

  execute({ subscriptionId, timing, context }: PauseSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, (subscription, _manager, now) => subscription.pause(timing, now));
  }
}

@CommandHandler(ResumeSubscriptionCommand)
export class ResumeSubscriptionHandler implements ICommandHandler<ResumeSubscriptionCommand> {
  constructor(private readonly writer: SubscriptionWriter) {}

  execute({ subscriptionId, context }: ResumeSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, (subscription, _manager, now) => subscription.resume(now));
  }
}
