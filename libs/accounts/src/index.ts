export * from './domain/account';
export * from './commands/create-account/create-account.command';
export * from './commands/update-account/update-account.command';
export * from './queries/account.queries';
export * from './persistence/account.entity';
export * from './persistence/account.repository';
export * from './accounts.module';
