import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { SubscriptionView } from '../../queries/subscription.view';

export class ResumeSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
