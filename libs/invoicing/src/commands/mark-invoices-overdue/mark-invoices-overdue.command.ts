import { Command } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';

/**
 * Raise `invoice.overdue` for these invoices that are still open (dunning found them past their due date, and
 * calls this once per invoice), in the caller's transaction.
 */
export class MarkInvoicesOverdueCommand extends Command<void> {
  constructor(
    readonly invoiceIds: readonly string[],
    readonly now: Date,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
