import { BillingProfiles } from '@billing/accounts';
import { ValidationFailed } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Subscription } from '../../domain/subscription';
import { AccountBlocked } from '../../domain/subscription.errors';
import { PlanPricing } from '../../pricing/plan-pricing';
import { SubscriptionWriter } from '../../writer/subscription-writer';
import { CreateSubscriptionCommand } from './create-subscription.command';

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
      if (account.overdueState === 'blocked') throw new AccountBlocked(account.id);
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
