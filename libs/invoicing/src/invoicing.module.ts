import { AccountsModule } from '@billing/accounts';
import { CatalogModule } from '@billing/catalog';
import { SubscriptionsModule } from '@billing/subscriptions';
import { UsageModule } from '@billing/usage';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BillRun } from './bill-run/bill-run';
import { BillSubscriptionsHandler } from './commands/bill-subscriptions/bill-subscriptions.handler';
import { CreateCreditNoteHandler } from './commands/create-credit-note/create-credit-note.handler';
import { VoidInvoiceHandler } from './commands/void-invoice/void-invoice.handler';
import { MarkInvoiceUncollectibleHandler } from './commands/mark-invoice-uncollectible/mark-invoice-uncollectible.handler';
import { MarkInvoicesOverdueHandler } from './commands/mark-invoices-overdue/mark-invoices-overdue.handler';
import { WriteOffInvoicesHandler } from './commands/write-off-invoices/write-off-invoices.handler';
import { RecordPaymentOutcomesHandler } from './commands/record-payment-outcomes/record-payment-outcomes.handler';
import { CreditNoteEntity, InvoiceEntity, InvoiceLineEntity } from './persistence/invoice.entity';
import { InvoiceStore } from './persistence/invoice-store';
import { InvoiceRepository } from './persistence/invoice.repository';
import { GetCreditNoteHandler } from './queries/get-credit-note/get-credit-note.handler';
import { GetCreditNotePdfHandler } from './queries/get-credit-note-pdf/get-credit-note-pdf.handler';
import { GetInvoiceHandler } from './queries/get-invoice/get-invoice.handler';
import { GetInvoicePdfHandler } from './queries/get-invoice-pdf/get-invoice-pdf.handler';
import { ListCreditNotesHandler } from './queries/list-credit-notes/list-credit-notes.handler';
import { ListInvoicesHandler } from './queries/list-invoices/list-invoices.handler';
import { PreviewInvoiceHandler } from './queries/preview-invoice/preview-invoice.handler';
import { TaxRatesModule } from './tax-rates';

@Module({
  imports: [
    TypeOrmModule.forFeature([InvoiceEntity, InvoiceLineEntity, CreditNoteEntity]),
    AccountsModule,
    CatalogModule,
    SubscriptionsModule,
    TaxRatesModule,
    UsageModule,
  ],
  providers: [
    InvoiceStore,
    InvoiceRepository,
    BillRun,
    BillSubscriptionsHandler,
    RecordPaymentOutcomesHandler,
    GetInvoiceHandler,
    ListInvoicesHandler,
    GetInvoicePdfHandler,
    GetCreditNotePdfHandler,
    PreviewInvoiceHandler,
    VoidInvoiceHandler,
    MarkInvoiceUncollectibleHandler,
    MarkInvoicesOverdueHandler,
    WriteOffInvoicesHandler,
    CreateCreditNoteHandler,
    ListCreditNotesHandler,
    GetCreditNoteHandler,
  ],
  exports: [BillRun],
})
export class InvoicingModule {}
