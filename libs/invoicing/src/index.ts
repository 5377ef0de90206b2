/**
 * Invoicing: turns the billing events of subscriptions (and rated usage) into invoices, exactly once.
 * `generateInvoices` is the pure heart, shared by the bill run and the preview; the bill run writes
 * chunks of invoices set-based; taxes, credit balance, credit notes and the PDF complete the invoice.
 */
export * from './domain/credit-note';
export * from './domain/generate-invoices';
export * from './domain/invoice-record';
export * from './domain/invoice-snapshot';
export * from './domain/invoice';
export * from './queries/invoice.view';
export * from './queries/credit-note.view';
export * from './domain/invoicing.errors';
export * from './domain/taxes';
export * from './bill-run/bill-run';
export * from './commands/bill-subscriptions/bill-subscriptions.command';
export * from './commands/record-payment-outcomes/record-payment-outcomes.command';
export * from './sagas/invoice-on-subscription-change.saga';
export { sellerOf } from './bill-run/invoice-inputs';
export * from './commands/create-credit-note/create-credit-note.command';
export * from './commands/void-invoice/void-invoice.command';
export * from './queries/get-credit-note/get-credit-note.query';
export * from './queries/list-credit-notes/list-credit-notes.query';
export * from './queries/get-invoice/get-invoice.query';
export * from './queries/list-invoices/list-invoices.query';
export * from './queries/get-invoice-pdf/get-invoice-pdf.query';
export * from './queries/get-credit-note-pdf/get-credit-note-pdf.query';
export * from './queries/pdf-file.view';
export * from './queries/preview-invoice/preview-invoice.query';
export * from './queries/invoice-preview.view';
export * from './persistence/issued-invoices';
export * from './persistence/unpaid-invoices';
export * from './commands/mark-invoice-uncollectible/mark-invoice-uncollectible.command';
export * from './commands/mark-invoices-overdue/mark-invoices-overdue.command';
export * from './commands/write-off-invoices/write-off-invoices.command';
export * from './invoicing.module';
// The tax-rates slice's public part; its entity and repository stay inside the lib (libs/invoicing/src/tax-rates).
export * from './tax-rates/domain/tax-rate';
export * from './tax-rates/domain/tax-rate.errors';
export * from './tax-rates/queries/tax-rate.view';
export * from './tax-rates/commands/create-tax-rate/create-tax-rate.command';
export * from './tax-rates/commands/update-tax-rate/update-tax-rate.command';
export * from './tax-rates/queries/get-tax-rate/get-tax-rate.query';
export * from './tax-rates/queries/list-tax-rates/list-tax-rates.query';
