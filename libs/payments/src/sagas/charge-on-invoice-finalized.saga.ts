import { EventSubscriber } from '@billing/core';
import { EventOf } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CollectInvoicesCommand } from '../commands/collect-invoices/collect-invoices.command';

type Finalized = 'invoice.finalized';

/**
 * An invoice finalized with something to pay is charged at once: a batch of `invoice.finalized` → one
 * CollectInvoices for the open ones with an amount remaining. Unlike sagas whose effect is a database write,
 * this one calls the provider, so it does not write in the inbox transaction it is handed: the payment rows
 * are committed (pending) before any call, in their own transaction, and their unique index is what makes a
 * redelivered event charge nothing twice. A failure fails the batch's job, which BullMQ retries.
 */
@Injectable()
export class ChargeOnInvoiceFinalizedSaga implements EventSubscriber<Finalized> {
  readonly name = 'charge-on-invoice-finalized';
  readonly types = ['invoice.finalized'] as const;

  constructor(private readonly commands: CommandBus) {}

  handle(events: readonly EventOf<Finalized>[]): Promise<void> {
    const invoices = events
      .map((event) => event.data)
      .filter((invoice) => invoice.status === 'open' && invoice.amount_remaining > 0)
      .map((invoice) => ({
        invoiceId: invoice.id,
        accountId: invoice.account_id,
        amount: invoice.amount_remaining,
        currency: invoice.currency,
      }));
    return this.commands.execute(new CollectInvoicesCommand(invoices));
  }
}
