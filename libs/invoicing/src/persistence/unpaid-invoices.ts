import { EntityManager } from 'typeorm';

/** An open invoice with something left to pay: what collection and dunning need of it. */
export interface UnpaidInvoice {
  invoiceId: string;
  accountId: string;
  subscriptionId: string | null;
  currency: string;
  /** Minor units still to pay. */
  amount: number;
  dueAt: Date;
}

interface UnpaidRow {
  id: string;
  account_id: string;
  subscription_id: string | null;
  currency: string;
  remaining: string;
  due_at: Date;
}

const UNPAID = `SELECT id, account_id, subscription_id, currency, amount_due - amount_paid - amount_credited AS remaining, due_at
  FROM invoices WHERE status = 'open' AND amount_due - amount_paid - amount_credited > 0`;

const toUnpaid = (row: UnpaidRow): UnpaidInvoice => ({
  invoiceId: row.id,
  accountId: row.account_id,
  subscriptionId: row.subscription_id,
  currency: row.currency,
  amount: Number(row.remaining),
  dueAt: row.due_at,
});

/** Invoices still asking for payment, read set-based in the caller's transaction (payments and dunning use them). */
export const UnpaidInvoices = {
  /** Those of `invoiceIds` that are still open with something to pay. */
  async among(manager: EntityManager, invoiceIds: readonly string[]): Promise<UnpaidInvoice[]> {
    if (invoiceIds.length === 0) return [];
    const rows: UnpaidRow[] = await manager.query(`${UNPAID} AND id = ANY($1::text[]) ORDER BY id`, [invoiceIds]);
    return rows.map(toUnpaid);
  },

  /** Every unpaid invoice of these accounts, oldest due first. */
  async ofAccounts(manager: EntityManager, accountIds: readonly string[]): Promise<UnpaidInvoice[]> {
    if (accountIds.length === 0) return [];
    const rows: UnpaidRow[] = await manager.query(`${UNPAID} AND account_id = ANY($1::text[]) ORDER BY due_at, id`, [accountIds]);
    return rows.map(toUnpaid);
  },
};
