import { SubscriptionRenewals } from '@billing/subscriptions';
import { Injectable, Logger } from '@nestjs/common';
import { ScheduledTask } from './scheduled-task';

/** Every minute of billing time: renewals, trial ends and warnings, scheduled changes, cancels and pauses. */
@Injectable()
export class SubscriptionRenewalsTask implements ScheduledTask {
  readonly name = 'subscription-renewals';
  readonly everyMs = 60_000;
  private readonly logger = new Logger('SubscriptionRenewals');

  constructor(private readonly renewals: SubscriptionRenewals) {}

  async run(now: Date): Promise<void> {
    const advanced = await this.renewals.advanceDue(now);
    if (advanced > 0) this.logger.log(`advanced ${advanced} subscriptions to ${now.toISOString()}`);
  }
}
