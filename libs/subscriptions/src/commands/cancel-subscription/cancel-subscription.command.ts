import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { Proration, Timing } from '../../domain/subscription';
import { SubscriptionView } from '../../queries/subscription.view';

export class CancelSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly timing: Timing,
    readonly proration: Proration,
    readonly context: RequestContext,
  ) {
    super();
  }
}
