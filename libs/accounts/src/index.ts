/**
 * Accounts: the customer, its billing profile (currency, zone, taxes, net terms) and its credit balance.
 * Other libs read and change accounts only through what this exports: commands and queries on the buses,
 * and `BillingProfiles` / `AccountBalances` for billing, set-based in the caller's transaction.
 */
export * from './domain';
export * from './commands/create-account/create-account.command';
export * from './commands/update-account/update-account.command';
export * from './queries/get-account/get-account.query';
export * from './queries/list-accounts/list-accounts.query';
export * from './queries/account.view';
export * from './persistence/billing-profiles';
export * from './persistence/overdue-states';
export * from './accounts.module';
