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
import { RecordPaymentOutcomesHandler } from './commands/record-payment-outcomes/record-payment-outcomes.handler';
import { CreditNoteEntity, InvoiceEntity, InvoiceLineEntity } from './persistence/invoice.entity';
import { InvoiceStore } from './persistence/invoice-store';
import { InvoiceRepository } from './persistence/invoice.repository';
import { GetCreditNoteHandler, ListCreditNotesHandler } from './queries/credit-note.queries';
import { GetCreditNotePdfHandler, GetInvoicePdfHandler } from './queries/invoice-pdf.query';
import { GetInvoiceHandler, ListInvoicesHandler } from './queries/invoice.queries';
import { PreviewInvoiceHandler } from './queries/preview-invoice';
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
    CreateCreditNoteHandler,
    ListCreditNotesHandler,
    GetCreditNoteHandler,
  ],
  exports: [BillRun],
})
export class InvoicingModule {}
