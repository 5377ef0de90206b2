import { Command } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import type { Collectable } from '../../persistence/payments';

/**
 * Dunning's retries, in two steps so that a retry is recorded exactly once: `OpenPaymentRetriesCommand`
 * opens a new attempt (a new number, hence a new idempotency key) for each invoice whose account has a default
 * method and no live attempt, in the caller's transaction, answering the payments opened; once that
 * transaction has committed, `ChargePaymentsCommand` charges them. A crash in between leaves them `pending`,
 * charged by reconciliation with the same key.
 */
export class OpenPaymentRetriesCommand extends Command<string[]> {
  constructor(
    readonly invoices: readonly Collectable[],
    readonly manager: EntityManager,
  ) {
    super();
  }
}

export class ChargePaymentsCommand extends Command<void> {
  constructor(readonly paymentIds: readonly string[]) {
    super();
  }
}
