import { Command } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';

/**
 * Mark every open invoice of these accounts uncollectible (dunning's `cancel` step), in the caller's
 * transaction; answers the invoices written off.
 */
export class WriteOffInvoicesCommand extends Command<string[]> {
  constructor(
    readonly accountIds: readonly string[],
    readonly now: Date,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
