import { bulkColumns, bulkUpdate } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Invoice } from '../domain/invoice';
import { InvoiceEntity, InvoiceLineEntity } from './invoice.entity';

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
    return this.lockWhere(manager, 'invoice.id = ANY(:ids)', { ids: [...new Set(ids)] });
  }

  /** The open invoices of these accounts, locked in id order. */
  getOpenOfAccountsForUpdate(manager: EntityManager, accountIds: readonly string[]): Promise<Invoice[]> {
    return this.lockWhere(manager, "invoice.accountId = ANY(:accountIds) AND invoice.status = 'open'", { accountIds: [...accountIds] });
  }

  private async lockWhere(manager: EntityManager, where: string, parameters: Record<string, unknown>): Promise<Invoice[]> {
    const invoices = await manager
      .createQueryBuilder(InvoiceEntity, 'invoice')
      .where(where, parameters)
      .orderBy('invoice.id')
      .setLock('pessimistic_write')
      .getMany();
    if (invoices.length === 0) return [];
    const lines = await manager.findBy(InvoiceLineEntity, { invoiceId: In(invoices.map((invoice) => invoice.id)) });
    return invoices.map((invoice) =>
      Invoice.restore(
        invoice,
        lines.filter((line) => line.invoiceId === invoice.id),
      ),
    );
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
