export * from './change-writer';
export * from './audit-writer';
export * from './queries/list-audit-log/list-audit-log.query';
export * from './queries/audit-log-entry.view';
export * from './audit-retention';
export * from './audit.module';
