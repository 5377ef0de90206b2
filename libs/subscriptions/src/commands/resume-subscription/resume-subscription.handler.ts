import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SubscriptionWriter } from '../../writer/subscription-writer';
import { ResumeSubscriptionCommand } from './resume-subscription.command';

@CommandHandler(ResumeSubscriptionCommand)
export class ResumeSubscriptionHandler implements ICommandHandler<ResumeSubscriptionCommand> {
  constructor(private readonly writer: SubscriptionWriter) {}

  execute({ subscriptionId, context }: ResumeSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, (subscription, _manager, now) => subscription.resume(now));
  }
}
