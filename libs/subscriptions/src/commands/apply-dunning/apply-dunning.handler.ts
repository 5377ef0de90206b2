import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Subscription } from '../../domain/subscription';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import { ApplyDunningCommand, DunningEffects } from './apply-dunning.command';

@CommandHandler(ApplyDunningCommand)
export class ApplyDunningHandler implements ICommandHandler<ApplyDunningCommand> {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async execute({ effects, now, manager }: ApplyDunningCommand): Promise<void> {
    const byAccount = [...(effects.block ?? []), ...(effects.cancel ?? []), ...(effects.recover ?? [])];
    const byId = [...(effects.pastDue ?? []), ...(effects.current ?? [])];
    const subscriptions = await this.subscriptions.lockLive(manager, byAccount, byId);
    if (subscriptions.length === 0) return;
    const act = actions(effects);
    for (const subscription of subscriptions) {
      // A boundary due but not yet crossed by the renewals is crossed first, as a person's action does.
      subscription.advance(now);
      act(subscription, now);
    }
    await this.subscriptions.saveWithEvents(manager, subscriptions);
  }
}

/** What happens to one subscription: the account's verdict first (cancel, block or recover), then its own. */
function actions(effects: DunningEffects): (subscription: Subscription, now: Date) => void {
  const set = (ids: readonly string[] | undefined) => new Set(ids ?? []);
  const [cancel, block, recover, pastDue, current] = [effects.cancel, effects.block, effects.recover, effects.pastDue, effects.current].map(
    set,
  );
  return (subscription, now) => {
    const { accountId } = subscription.snapshot();
    if (cancel.has(accountId)) return subscription.cancelForDunning(now);
    if (block.has(accountId)) return subscription.blockForDunning(now);
    if (recover.has(accountId)) {
      subscription.resumeAfterDunning(now);
      subscription.clearPastDue(now);
    }
    if (pastDue.has(subscription.id)) subscription.markPastDue(now);
    if (current.has(subscription.id)) subscription.clearPastDue(now);
  };
}
