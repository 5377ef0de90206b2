/** The document's tags, in the order Swagger UI shows them: every `@ApiTags` name of a controller is here. */
export const TAGS: readonly { name: string; description: string }[] = [
  { name: 'Accounts', description: 'The customers you bill: contact, currency, time zone, tax status, payment methods.' },
  { name: 'Catalog', description: 'What you sell: billable metrics and plans with their prices, tiers and usage charges.' },
  { name: 'Subscriptions', description: 'An account on a plan: create, change (with proration), pause, resume, cancel; its usage.' },
  { name: 'Usage', description: 'Metered events, ingested in batches of up to 1000 and billed by the plan charges.' },
  { name: 'Invoices', description: 'Invoices issued each period and on changes: preview, read, PDF, pay, void, uncollectible.' },
  { name: 'Credit notes', description: 'Credits against issued invoices, applied to the invoice, the balance or refunded.' },
  { name: 'Payments', description: 'Charge attempts on invoices through Stripe or the sandbox, and refunds.' },
  { name: 'Dunning', description: 'The retry schedule and escalation steps for unpaid invoices.' },
  { name: 'Taxes', description: 'Tax rates applied to invoice lines by country, exclusive or inclusive.' },
  { name: 'Analytics', description: 'MRR, churn and lifetime value series, per day or month.' },
  { name: 'Events', description: 'The event log (`GET /v1/events`): the same payloads webhooks deliver (see `x-webhooks`).' },
  { name: 'Webhooks', description: 'Endpoints that receive signed events, their deliveries, and the Stripe webhook receiver.' },
  { name: 'API keys', description: 'Credentials with a role; the secret is shown once, at creation.' },
  { name: 'Audit log', description: 'Who changed what: every write with its actor.' },
  { name: 'Operations', description: 'Liveness and readiness probes, without credentials.' },
  { name: 'Test clock', description: 'Billing time under your control; only with `BILLING_CLOCK=test`.' },
];
