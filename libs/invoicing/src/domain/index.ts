/** The invoicing lib's pure surface, for other domains (`@billing/invoicing/domain`). */
export * from './credit-note';
export * from './generate-invoices';
export * from './invoice-record';
export * from './invoice-snapshot';
export * from './invoice';
export * from './invoicing.errors';
export * from './period-format';
export * from './taxes';
