import { NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
        paidAt: record.paidAt,
        voidedAt: record.voidedAt,
        updatedAt: record.updatedAt,
      },
    );
  }
}
