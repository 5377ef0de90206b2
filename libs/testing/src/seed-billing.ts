import { DataSource } from 'typeorm';

export interface SeededBilling {
  planId: string;
  subscriptionIds: string[];
}

/**
 * `count` accounts, each with a monthly subscription whose first period starts at `start` and whose fee
 * (a billing event) is due and unbilled: what the bill run meets when many subscriptions renew at once.
 * Set-based inserts, so 100 000 take seconds.
 */
export async function seedDueSubscriptions(dataSource: DataSource, count: number, start: Date, prefix = 'seed'): Promise<SeededBilling> {
  const planId = `plan_${prefix}`;
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()));
  const plan = { id: planId, code: planId, interval: 'month', intervalCount: 1, trialDays: 0, unitAmount: 2500 };
  await dataSource.query(
    `INSERT INTO plans (id, code, name, interval, in_use, created_at, updated_at) VALUES ($1, $1, 'Seeded plan', 'month', true, $2, $2)`,
    [planId, start],
  );
  await dataSource.query(`INSERT INTO plan_prices (plan_id, currency, amount) VALUES ($1, 'USD', 2500)`, [planId]);
  await dataSource.query(
    `INSERT INTO accounts (id, name, email, currency, timezone, created_at, updated_at)
     SELECT 'acct_${prefix}_' || n, 'Customer ' || n, 'c' || n || '@seed.test', 'USD', 'UTC', $2, $2 FROM generate_series(1, $1) AS n`,
    [count, start],
  );
  await dataSource.query(
    `INSERT INTO subscriptions (id, account_id, plan_id, plan_code, plan, quantity, currency, timezone, status, anchor,
                                current_period_start, current_period_end, created_at, updated_at)
     SELECT 'sub_${prefix}_' || n, 'acct_${prefix}_' || n, $2, $2, $3, 1, 'USD', 'UTC', 'active', $4, $4, $5, $4, $4
       FROM generate_series(1, $1) AS n`,
    [count, planId, JSON.stringify(plan), start, end],
  );
  await dataSource.query(
    `INSERT INTO billing_events (id, subscription_id, account_id, type, effective_at, period_start, period_end, plan_id,
                                 plan_code, quantity, unit_amount, currency, amount, created_at)
     SELECT 'be_${prefix}_' || n, 'sub_${prefix}_' || n, 'acct_${prefix}_' || n, 'period_started', $2, $2, $3, $4, $4, 1, 2500,
            'USD', 2500, $2
       FROM generate_series(1, $1) AS n`,
    [count, start, end, planId],
  );
  return { planId, subscriptionIds: Array.from({ length: count }, (_, index) => `sub_${prefix}_${index + 1}`) };
}

/**
 * A sandbox customer and a default card (a sandbox test token: `pm_card_visa` pays, `pm_card_chargeDeclined`
 * declines) for each account of {@link seedDueSubscriptions} with this prefix, as attaching one through the API
 * leaves them.
 */
export async function seedCards(dataSource: DataSource, count: number, at: Date, prefix: string, token: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO payment_customers (account_id, provider, customer_id, created_at)
     SELECT 'acct_${prefix}_' || n, 'sandbox', 'cus_sandbox_${prefix}_' || n, $2 FROM generate_series(1, $1) AS n`,
    [count, at],
  );
  await dataSource.query(
    `INSERT INTO payment_methods (id, account_id, provider, provider_payment_method_id, brand, last4, exp_month, exp_year, is_default, created_at)
     SELECT 'pm_${prefix}_' || n, 'acct_${prefix}_' || n, 'sandbox', $3, 'visa', '4242', 12, 2030, true, $2 FROM generate_series(1, $1) AS n`,
    [count, at, token],
  );
}
