export * from './change-writer';
export * from './audit-writer';
export * from './audit-log.query';
export * from './audit-retention';
export * from './audit.module';
