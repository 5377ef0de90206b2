import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SubscriptionWriter } from '../../writer/subscription-writer';
import { CancelSubscriptionCommand } from './cancel-subscription.command';

@CommandHandler(CancelSubscriptionCommand)
export class CancelSubscriptionHandler implements ICommandHandler<CancelSubscriptionCommand> {
  constructor(private readonly writer: SubscriptionWriter) {}

  execute({ subscriptionId, timing, proration, context }: CancelSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, (subscription, _manager, now) => subscription.cancel(timing, proration, now));
  }
}
