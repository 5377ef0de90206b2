export * from './test-postgres';
export * from './test-apps';
