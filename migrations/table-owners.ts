/**
 * Which lib owns each table: only that lib's code may name it in SQL (or map it as an entity); the others
 * read or change it through the functions the owner exports, in the caller's transaction (Kill Bill's
 * internal APIs). Checked by test/architecture.e2e-spec.ts; a new table is added here with its migration.
 */
export const TABLE_OWNERS: Readonly<Record<string, string>> = {
  accounts: 'accounts',
  api_keys: 'auth',
  audit_log: 'audit',
  metrics: 'catalog',
  plans: 'catalog',
  plan_prices: 'catalog',
  plan_charges: 'catalog',
  subscriptions: 'subscriptions',
  billing_events: 'subscriptions',
  invoices: 'invoicing',
  invoice_lines: 'invoicing',
  credit_notes: 'invoicing',
  document_counters: 'invoicing',
  tax_rates: 'invoicing',
  payment_customers: 'payments',
  payment_methods: 'payments',
  payments: 'payments',
  refunds: 'payments',
  stripe_events: 'payments',
  dunning_policy: 'dunning',
  dunning_invoices: 'dunning',
  usage_events: 'usage',
  usage_event_keys: 'usage',
  usage_rollups: 'usage',
  usage_billed: 'usage',
  events: 'core',
  processed_events: 'core',
  idempotency_keys: 'core',
  test_clock: 'core',
  scheduled_tasks: 'core',
  scheduler_progress: 'core',
  work_failures: 'core',
};
