import { EventSubscriber } from '@billing/core';
import { EventOf } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RefundCreditNotesCommand } from '../commands/refund-credit-notes/refund-credit-notes.command';

type CreditNoteCreated = 'credit_note.created';

/**
 * A credit note issued with `refund: true` sends its amount back through the payment provider: a batch of
 * `credit_note.created` → one RefundCreditNotes for the refunding ones. Like the charging saga, it calls the
 * provider and so writes in transactions of its own; each refund's id derives from its credit note, which is
 * what makes a redelivered event refund nothing twice.
 */
@Injectable()
export class RefundOnCreditNoteSaga implements EventSubscriber<CreditNoteCreated> {
  readonly name = 'refund-on-credit-note';
  readonly types = ['credit_note.created'] as const;

  constructor(private readonly commands: CommandBus) {}

  handle(events: readonly EventOf<CreditNoteCreated>[]): Promise<void> {
    const notes = events
      .map((event) => event.data)
      .filter((note) => note.refund)
      .map((note) => ({ creditNoteId: note.id, invoiceId: note.invoice_id, amount: note.total }));
    return this.commands.execute(new RefundCreditNotesCommand(notes));
  }
}
