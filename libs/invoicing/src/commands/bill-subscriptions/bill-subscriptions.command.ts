import { Command } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';

/**
 * Invoice these subscriptions' billing events due now, at once rather than at the next billing cycle (a
 * start, a prorated change, an immediate cancel), in the transaction of the caller (a saga's inbox
 * transaction, handling a batch of events).
 */
export class BillSubscriptionsCommand extends Command<void> {
  constructor(
    readonly subscriptionIds: readonly string[],
    readonly manager: EntityManager,
  ) {
    super();
  }
}
