import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { Timing } from '../../domain/subscription';
import { SubscriptionView } from '../../queries/subscription.view';

export class PauseSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly timing: Timing,
    readonly context: RequestContext,
  ) {
    super();
  }
}
