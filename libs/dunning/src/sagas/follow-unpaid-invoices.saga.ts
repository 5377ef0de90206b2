import { EventSubscriber } from '@billing/core';
import { UnpaidInvoices } from '@billing/invoicing';
import { Clock, EventOf } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DunningInvoices } from '../persistence/dunning-invoices';
import { DunningRecovery } from '../run/dunning-recovery';

type Followed = 'invoice.finalized' | 'invoice.paid' | 'invoice.voided' | 'invoice.marked_uncollectible';

/**
 * Dunning follows an invoice from its finalization with something to pay until it is settled; a settlement
 * (a payment by a retry, `/pay`, a new card or Stripe's webhook, a credit note, a void, a write-off) may end
 * the account's case at once ({@link DunningRecovery}). Runs after the charge saga in a batch, so an invoice
 * is followed only once its first charge has been tried.
 */
@Injectable()
export class FollowUnpaidInvoicesSaga implements EventSubscriber<Followed> {
  readonly name = 'dunning-follow-unpaid-invoices';
  readonly types = ['invoice.finalized', 'invoice.paid', 'invoice.voided', 'invoice.marked_uncollectible'] as const;

  constructor(
    private readonly clock: Clock,
    private readonly recovery: DunningRecovery,
  ) {}

  async handle(events: readonly EventOf<Followed>[], manager: EntityManager): Promise<void> {
    await this.clock.refresh();
    const now = this.clock.now();
    const finalized = events.filter((event) => event.type === 'invoice.finalized').map((event) => event.data.id);
    // Only what is still unpaid now: an invoice paid meanwhile (its event maybe handled first) is not followed.
    await DunningInvoices.track(manager, await UnpaidInvoices.among(manager, finalized));
    const settled = events.filter((event) => event.type !== 'invoice.finalized').map((event) => event.data.id);
    await this.recovery.recover(manager, await DunningInvoices.settle(manager, settled), now);
  }
}
