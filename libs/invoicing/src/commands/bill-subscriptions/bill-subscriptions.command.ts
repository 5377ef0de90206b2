import { Command } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';

/**
 * Invoice a subscription's billing events due now, at once rather than at the next billing cycle (a start,
 * a prorated change, an immediate cancel), in the transaction of the caller (a saga's inbox transaction).
 */
export class BillSubscriptionCommand extends Command<void> {
  constructor(
    readonly subscriptionId: string,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
