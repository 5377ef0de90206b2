import { Command } from '@nestjs/cqrs';
import type { Collectable } from '../../persistence/payments';

/**
 * Charge these invoices' accounts' default payment methods (those that have one, for invoices without a live
 * attempt), and charge again, with the same key, attempts of them left `pending` by a crash.
 */
export class CollectInvoicesCommand extends Command<void> {
  constructor(readonly invoices: readonly Collectable[]) {
    super();
  }
}
