import { bulkColumns, bulkUpdate } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Invoice } from '../domain/invoice';
import type { InvoiceLineRecord } from '../domain/invoice-record';
import { InvoiceEntity, InvoiceLineEntity } from './invoice.entity';
import { INVOICE_COLUMNS, InvoiceRow, LINE_COLUMNS, LineRow, toInvoiceRecord, toLineRecord } from './invoice-rows';

/** Loads an Invoice with its lines and saves how it is settled, in the caller's transaction. */
@Injectable()
export class InvoiceRepository {
  async getForUpdate(manager: EntityManager, id: string): Promise<Invoice> {
    const invoice = await manager.findOne(InvoiceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!invoice) throw new NotFound('invoice', id);
    return Invoice.restore(invoice, await manager.findBy(InvoiceLineEntity, { invoiceId: id }));
  }

  /** Several invoices, locked in id order (two callers never wait on each other crosswise); unknown ids are left out. */
  getManyForUpdate(manager: EntityManager, ids: readonly string[]): Promise<Invoice[]> {
    return this.lockWhere(manager, 'id = ANY($1::text[])', [...new Set(ids)]);
  }

  /** The open invoices of these accounts, locked in id order. */
  getOpenOfAccountsForUpdate(manager: EntityManager, accountIds: readonly string[]): Promise<Invoice[]> {
    return this.lockWhere(manager, "account_id = ANY($1::text[]) AND status = 'open'", [...accountIds]);
  }

  /** Plain SQL rather than the ORM: these load hundreds of invoices at once (payments' outcomes, dunning). */
  private async lockWhere(manager: EntityManager, where: string, keys: readonly string[]): Promise<Invoice[]> {
    if (keys.length === 0) return [];
    const rows: InvoiceRow[] = await manager.query(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE ${where} ORDER BY id FOR UPDATE`, [keys]);
    if (rows.length === 0) return [];
    const lineRows: LineRow[] = await manager.query(`SELECT ${LINE_COLUMNS} FROM invoice_lines WHERE invoice_id = ANY($1::text[])`, [
      rows.map((row) => row.id),
    ]);
    const linesOf = new Map<string, InvoiceLineRecord[]>();
    for (const line of lineRows) {
      const lines = linesOf.get(line.invoice_id) ?? [];
      lines.push(toLineRecord(line));
      linesOf.set(line.invoice_id, lines);
    }
    return rows.map((row) => Invoice.restore(toInvoiceRecord(row), linesOf.get(row.id) ?? []));
  }

  /** Only what an issued invoice may change: its settlement (lines and totals are a document). */
  async save(manager: EntityManager, invoice: Invoice): Promise<void> {
    const { invoice: record } = invoice.snapshot();
    await manager.update(
      InvoiceEntity,
      { id: record.id },
      {
        status: record.status,
        creditApplied: record.creditApplied,
        amountDue: record.amountDue,
        amountPaid: record.amountPaid,
        amountCredited: record.amountCredited,
        amountRefunded: record.amountRefunded,
        paidAt: record.paidAt,
        voidedAt: record.voidedAt,
        updatedAt: record.updatedAt,
      },
    );
  }

  /** {@link save} for many invoices, in one statement. */
  async saveMany(manager: EntityManager, invoices: readonly Invoice[]): Promise<void> {
    await bulkUpdate(
      manager,
      'invoices',
      bulkColumns([
        ['id', 'text'],
        ['status', 'text'],
        ['amount_paid', 'bigint'],
        ['amount_credited', 'bigint'],
        ['amount_refunded', 'bigint'],
        ['paid_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ]),
      invoices.map((invoice) => {
        const { invoice: record } = invoice.snapshot();
        return [record.id, record.status, record.amountPaid, record.amountCredited, record.amountRefunded, record.paidAt, record.updatedAt];
      }),
    );
  }
}
