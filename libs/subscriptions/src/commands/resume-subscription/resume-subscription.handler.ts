import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertAccountNotBlocked } from '../account-not-blocked';
import { SubscriptionWriter } from '../../writer/subscription-writer';
import { ResumeSubscriptionCommand } from './resume-subscription.command';

@CommandHandler(ResumeSubscriptionCommand)
export class ResumeSubscriptionHandler implements ICommandHandler<ResumeSubscriptionCommand> {
  constructor(private readonly writer: SubscriptionWriter) {}

  execute({ subscriptionId, context }: ResumeSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, async (subscription, manager, now) => {
      await assertAccountNotBlocked(manager, subscription.snapshot().accountId);
      subscription.resume(now);
    });
  }
}
