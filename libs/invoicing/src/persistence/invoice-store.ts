import { bulkColumns, bulkInsert } from '@billing/core';
import { DomainEvent, eventsOf, newId } from '@billing/kernel';
import { AccountBalances } from '@billing/accounts';
import { UnbilledEvents } from '@billing/subscriptions';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DraftInvoice } from '../domain/generate-invoices';
import { Invoice } from '../domain/invoice';
import { toInvoiceViewOf } from '../queries/invoice.view';

export interface AccountDrafts {
  accountId: string;
  currency: string;
  drafts: DraftInvoice[];
  creditBalance: number;
  settledWithoutInvoice: string[];
}

/** Takes `count` consecutive numbers of a gapless sequence, in the caller's transaction. */
export async function nextNumbers(manager: EntityManager, counter: 'invoice' | 'credit_note', count: number): Promise<number[]> {
  const [[row]]: [[{ value: string }], number] = await manager.query(
    `UPDATE document_counters SET value = value + $2 WHERE name = $1 RETURNING value`,
    [counter, count],
  );
  const last = Number(row.value);
  return Array.from({ length: count }, (_, index) => last - count + 1 + index);
}

export const formatInvoiceNumber = (value: number) => `INV-${String(value).padStart(6, '0')}`;

const INVOICE_COLUMNS = bulkColumns([
  ['id', 'text'],
  ['number', 'text'],
  ['account_id', 'text'],
  ['subscription_id', 'text'],
  ['currency', 'text'],
  ['status', 'text'],
  ['billing_reason', 'text'],
  ['effective_at', 'timestamptz'],
  ['issued_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['period_start', 'timestamptz'],
  ['period_end', 'timestamptz'],
  ['subtotal', 'bigint'],
  ['tax', 'bigint'],
  ['total', 'bigint'],
  ['credit_applied', 'bigint'],
  ['amount_due', 'bigint'],
  ['notes', 'jsonb'],
  ['snapshot', 'jsonb'],
  ['paid_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
]);

const LINE_COLUMNS = bulkColumns([
  ['id', 'text'],
  ['invoice_id', 'text'],
  ['position', 'integer'],
  ['type', 'text'],
  ['description', 'text'],
  ['subscription_id', 'text'],
  ['plan_code', 'text'],
  ['metric_code', 'text'],
  ['quantity', 'text'],
  ['unit_amount', 'text'],
  ['amount', 'bigint'],
  ['tax_amount', 'bigint'],
  ['tax_rate_id', 'text'],
  ['period_start', 'timestamptz'],
  ['period_end', 'timestamptz'],
  ['billing_event_id', 'text'],
]);

/**
 * Writes the finalized invoices of many accounts at once: numbers, invoices, lines, then (through their
 * owners) billed marks on the billing events and credit balances, each one statement whatever the chunk's size.
 */
@Injectable()
export class InvoiceStore {
  async write(manager: EntityManager, batch: AccountDrafts[], now: Date): Promise<Invoice[]> {
    const drafts = batch.flatMap((account) => account.drafts.map((draft) => ({ account, draft })));
    const numbers = drafts.length ? await nextNumbers(manager, 'invoice', drafts.length) : [];
    const finalized = drafts.map(({ account, draft }, index) =>
      Invoice.finalize(
        draft,
        { id: newId('inv'), number: formatInvoiceNumber(numbers[index]), accountId: account.accountId, currency: account.currency },
        draft.lines.map(() => newId('il')),
        now,
      ),
    );
    const written = finalized.map((invoice) => invoice.snapshot());

    await bulkInsert(
      manager,
      'invoices',
      INVOICE_COLUMNS,
      written.map(({ invoice: i }) => [
        i.id,
        i.number,
        i.accountId,
        i.subscriptionId,
        i.currency,
        i.status,
        i.billingReason,
        i.effectiveAt,
        i.issuedAt,
        i.dueAt,
        i.periodStart,
        i.periodEnd,
        i.subtotal,
        i.tax,
        i.total,
        i.creditApplied,
        i.amountDue,
        i.notes,
        i.snapshot,
        i.paidAt,
        i.createdAt,
        i.updatedAt,
      ]),
    );
    await bulkInsert(
      manager,
      'invoice_lines',
      LINE_COLUMNS,
      written.flatMap(({ lines }) =>
        lines.map((l) => [
          l.id,
          l.invoiceId,
          l.position,
          l.type,
          l.description,
          l.subscriptionId,
          l.planCode,
          l.metricCode,
          l.quantity,
          l.unitAmount,
          l.amount,
          l.taxAmount,
          l.taxRateId,
          l.periodStart,
          l.periodEnd,
          l.billingEventId,
        ]),
      ),
    );

    await UnbilledEvents.markBilled(
      manager,
      [
        ...drafts.flatMap(({ draft }, index) => draft.billingEventIds.map((eventId) => ({ eventId, invoiceId: finalized[index].id }))),
        ...batch.flatMap((account) => account.settledWithoutInvoice.map((eventId) => ({ eventId, invoiceId: null }))),
      ],
      now,
    );
    await AccountBalances.record(
      manager,
      batch.map((account) => ({ accountId: account.accountId, creditBalance: account.creditBalance, invoiced: account.drafts.length > 0 })),
    );
    return finalized;
  }
}

/** The domain events of invoices just finalized: invoice.created, invoice.finalized (and invoice.paid). */
export function invoiceEvents(invoices: readonly Invoice[]): DomainEvent[] {
  return invoices.flatMap((invoice) => eventsOf('invoice', invoice.id, invoice.pullEvents(), toInvoiceViewOf));
}
