/**
 * Dunning (docs/api.md, Payments and dunning): what happens when invoices go unpaid, on the policy an operator
 * sets (`GET/PUT /v1/dunning-policy`).
 *
 * - The policy (domain/dunning-policy.ts): retry days after the due date, steps `notify` → `warning`,
 *   `block` → `blocked` (subscriptions paused), `cancel` → `cancelled` (subscriptions ended, invoices
 *   uncollectible), validated field by field; the pure rules of when a retry or a step is due.
 * - `DunningRun` (run/): the scheduler task's evaluation, set-based in chunks: overdue invoices, retries
 *   through the payments lib, steps per account.
 * - `FollowUnpaidInvoicesSaga` (sagas/): follows invoices from `invoice.finalized` to their settlement and,
 *   through `DunningRecovery`, returns an account to `ok` and resumes what dunning paused once nothing is overdue.
 *
 * Tables: `dunning_policy`, `dunning_invoices`. Accounts, subscriptions, invoices and payments change only
 * through their libs' exports, in dunning's transaction.
 */
export * from './domain';
export * from './dunning.module';
export * from './commands/update-dunning-policy/update-dunning-policy.command';
export * from './queries/get-dunning-policy/get-dunning-policy.query';
export * from './queries/dunning-policy.view';
export * from './run/dunning-run';
export * from './sagas/follow-unpaid-invoices.saga';
