import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SubscriptionWriter } from '../../writer/subscription-writer';
import { PauseSubscriptionCommand } from './pause-subscription.command';

@CommandHandler(PauseSubscriptionCommand)
export class PauseSubscriptionHandler implements ICommandHandler<PauseSubscriptionCommand> {
  constructor(private readonly writer: SubscriptionWriter) {}

  execute({ subscriptionId, timing, context }: PauseSubscriptionCommand) {
    return this.writer.modify(subscriptionId, context, (subscription, _manager, now) => subscription.pause(timing, now));
  }
}
