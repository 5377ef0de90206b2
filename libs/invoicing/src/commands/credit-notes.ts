import { recordAudit } from '@billing/audit';
import { appendToOutbox, Clock, domainEvent, DomainEvent, newId, Page, PageRequest, paginate, RequestContext, ValidationFailed } from '@billing/core';
import { Command, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { cannotCredit, CreditExceedsInvoice, RefundUnavailable } from '../domain/invoicing.errors';
import { amountRemaining, toInvoiceView } from '../domain/invoice-view';
import { CreditNoteEntity, InvoiceEntity, InvoiceLineEntity } from '../persistence/invoice.entity';
import { nextNumbers } from '../persistence/invoice-store';

export interface CreditNoteView {
  id: string;
  object: 'credit_note';
  number: string;
  invoice_id: string;
  account_id: string;
  currency: string;
  amount: number;
  reason: string | null;
  refund: boolean;
  applied_to: 'invoice' | 'credit_balance';
  created_at: string;
}

export interface CreateCreditNoteInput {
  invoiceId: string;
  amount: number;
  reason?: string;
  refund: boolean;
}

export class CreateCreditNoteCommand extends Command<CreditNoteView> {
  constructor(
    readonly input: CreateCreditNoteInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class ListCreditNotesQuery extends Query<Page<CreditNoteView>> {
  constructor(
    readonly filters: { invoiceId?: string; accountId?: string },
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const formatCreditNoteNumber = (value: number) => `CN-${String(value).padStart(6, '0')}`;

/**
 * A credit note on an unpaid invoice lowers what remains to pay (and settles the invoice when nothing
 * remains); on a paid invoice it credits the account's balance, which later invoices consume. Refunds
 * wait for a payment provider.
 */
@CommandHandler(CreateCreditNoteCommand)
export class CreateCreditNoteHandler implements ICommandHandler<CreateCreditNoteCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  execute({ input, context }: CreateCreditNoteCommand) {
    if (input.refund) throw new RefundUnavailable();
    return this.dataSource.transaction(async (manager) => {
      const invoice = await manager.findOne(InvoiceEntity, { where: { id: input.invoiceId }, lock: { mode: 'pessimistic_write' } });
      if (!invoice) throw new ValidationFailed([{ field: 'invoice_id', message: `no invoice "${input.invoiceId}"` }]);
      if (invoice.status !== 'open' && invoice.status !== 'paid') throw cannotCredit(invoice.status);
      const now = this.clock.now();
      const onInvoice = invoice.status === 'open';
      // A paid invoice can be credited up to what it charged, less what earlier credit notes gave back.
      const maximum = onInvoice ? amountRemaining(invoice) : Math.max(0, invoice.total - invoice.amountCredited);
      if (input.amount > maximum) throw new CreditExceedsInvoice(maximum);

      const [number] = await nextNumbers(manager, 'credit_note', 1);
      const note: CreditNoteView = {
        id: newId('cn'),
        object: 'credit_note',
        number: formatCreditNoteNumber(number),
        invoice_id: invoice.id,
        account_id: invoice.accountId,
        currency: invoice.currency,
        amount: input.amount,
        reason: input.reason ?? null,
        refund: false,
        applied_to: onInvoice ? 'invoice' : 'credit_balance',
        created_at: now.toISOString(),
      };
      await manager.query(
        `INSERT INTO credit_notes (id, number, invoice_id, account_id, currency, amount, reason, refund, applied_to, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8, $9)`,
        [note.id, note.number, note.invoice_id, note.account_id, note.currency, note.amount, note.reason, note.applied_to, now],
      );
      const events: DomainEvent[] = [domainEvent('credit_note.created', 'credit_note', note.id, note, now)];
      const credited = { ...invoice, amountCredited: invoice.amountCredited + input.amount, updatedAt: now };
      if (onInvoice && amountRemaining(credited) === 0) Object.assign(credited, { status: 'paid', paidAt: now });
      await manager.update(
        InvoiceEntity,
        { id: invoice.id },
        { amountCredited: credited.amountCredited, status: credited.status, paidAt: credited.paidAt, updatedAt: now },
      );
      if (!onInvoice) {
        await manager.query(`UPDATE accounts SET credit_balance = credit_balance + $2 WHERE id = $1`, [invoice.accountId, input.amount]);
      }
      if (credited.status === 'paid' && invoice.status === 'open') {
        const lines = await manager.findBy(InvoiceLineEntity, { invoiceId: invoice.id });
        events.push(domainEvent('invoice.paid', 'invoice', invoice.id, toInvoiceView(credited, lines), now));
      }
      await appendToOutbox(manager, events, context.requestId);
      await recordAudit(manager, context, { action: 'create', resourceType: 'credit_note', resourceId: note.id, before: null, after: note, at: now });
      return note;
    });
  }
}

@QueryHandler(ListCreditNotesQuery)
export class ListCreditNotesHandler implements IQueryHandler<ListCreditNotesQuery> {
  constructor(@InjectRepository(CreditNoteEntity) private readonly notes: Repository<CreditNoteEntity>) {}

  execute({ filters, page }: ListCreditNotesQuery) {
    const query = this.notes.createQueryBuilder('note');
    if (filters.invoiceId) query.andWhere('note.invoiceId = :invoiceId', { invoiceId: filters.invoiceId });
    if (filters.accountId) query.andWhere('note.accountId = :accountId', { accountId: filters.accountId });
    return paginate(query, page, toCreditNoteView);
  }
}

function toCreditNoteView(note: CreditNoteEntity): CreditNoteView {
  return {
    id: note.id,
    object: 'credit_note',
    number: note.number,
    invoice_id: note.invoiceId,
    account_id: note.accountId,
    currency: note.currency,
    amount: note.amount,
    reason: note.reason,
    refund: note.refund,
    applied_to: note.appliedTo,
    created_at: note.createdAt.toISOString(),
  };
}
