import { EntityManager } from 'typeorm';
import type { PaymentMethodDetails, PaymentProviderName } from '../domain/payment-provider';

/** A payment method as we keep it: the provider's method and its card, attached to one of our accounts. */
export interface PaymentMethodRecord {
  id: string;
  accountId: string;
  provider: PaymentProviderName;
  providerPaymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  createdAt: Date;
}

interface MethodRow {
  id: string;
  account_id: string;
  provider: PaymentProviderName;
  provider_payment_method_id: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  is_default: boolean;
  created_at: Date;
}

const toMethod = (row: MethodRow): PaymentMethodRecord => ({
  id: row.id,
  accountId: row.account_id,
  provider: row.provider,
  providerPaymentMethodId: row.provider_payment_method_id,
  brand: row.brand,
  last4: row.last4,
  expMonth: row.exp_month,
  expYear: row.exp_year,
  isDefault: row.is_default,
  createdAt: row.created_at,
});

const METHOD_COLUMNS = `id, account_id, provider, provider_payment_method_id, brand, last4, exp_month, exp_year, is_default, created_at`;

/** Provider customers (one per account and provider) and the payment methods attached to them. */
export const PaymentMethods = {
  async customerOf(manager: EntityManager, accountId: string, provider: PaymentProviderName): Promise<string | null> {
    const [row]: { customer_id: string }[] = await manager.query(
      `SELECT customer_id FROM payment_customers WHERE account_id = $1 AND provider = $2`,
      [accountId, provider],
    );
    return row?.customer_id ?? null;
  },

  /** Keeps the provider's customer of an account (the first one stored stays: the provider's answer is idempotent). */
  async saveCustomer(manager: EntityManager, accountId: string, provider: PaymentProviderName, customerId: string, now: Date) {
    await manager.query(
      `INSERT INTO payment_customers (account_id, provider, customer_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [accountId, provider, customerId, now],
    );
  },

  /** Adds a method; as the default, it takes over from the previous default. */
  async add(
    manager: EntityManager,
    method: { id: string; accountId: string; provider: PaymentProviderName; details: PaymentMethodDetails; isDefault: boolean },
    now: Date,
  ): Promise<PaymentMethodRecord> {
    if (method.isDefault) {
      await manager.query(`UPDATE payment_methods SET is_default = false WHERE account_id = $1 AND is_default AND detached_at IS NULL`, [
        method.accountId,
      ]);
    }
    const { details } = method;
    const [row]: MethodRow[] = await manager.query(
      `INSERT INTO payment_methods (id, account_id, provider, provider_payment_method_id, brand, last4, exp_month, exp_year, is_default, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${METHOD_COLUMNS}`,
      [
        method.id,
        method.accountId,
        method.provider,
        details.id,
        details.brand,
        details.last4,
        details.expMonth,
        details.expYear,
        method.isDefault,
        now,
      ],
    );
    return toMethod(row);
  },

  /** The account's attached methods, newest first. */
  async ofAccount(manager: EntityManager, accountId: string): Promise<PaymentMethodRecord[]> {
    const rows: MethodRow[] = await manager.query(
      `SELECT ${METHOD_COLUMNS} FROM payment_methods WHERE account_id = $1 AND detached_at IS NULL ORDER BY created_at DESC, id DESC`,
      [accountId],
    );
    return rows.map(toMethod);
  },

  async hasDefault(manager: EntityManager, accountId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM payment_methods WHERE account_id = $1 AND is_default AND detached_at IS NULL`,
      [accountId],
    );
    return rows.length > 0;
  },

  /** Detaches one of the account's methods (no longer listed, never charged). */
  async detach(manager: EntityManager, accountId: string, id: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE payment_methods SET detached_at = $3, is_default = false WHERE id = $1 AND account_id = $2 AND detached_at IS NULL`,
      [id, accountId, now],
    );
  },
};
