import { Command } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';

/** A collection attempt's result for one invoice: `paid` minor units received, or a failure. */
export type PaymentOutcome = { invoiceId: string; paid: number } | { invoiceId: string; failed: true };

/**
 * Settle invoices with what collection attempts brought (the payments lib, after the provider answered), in
 * the caller's transaction (the one that records the payments), so a payment and its invoice change together.
 */
export class RecordPaymentOutcomesCommand extends Command<void> {
  constructor(
    readonly outcomes: readonly PaymentOutcome[],
    readonly manager: EntityManager,
  ) {
    super();
  }
}
