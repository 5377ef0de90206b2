export * from './periods';
export * from './proration';
