export * from './test-postgres';
export * from './test-apps';
export * from './test-data-source';
export * from './seed-billing';
export * from './test-context';
export * from './pdf-text';
export * from './stripe-server';
export * from './billing-fixtures';
