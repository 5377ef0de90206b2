import { EntityManager } from 'typeorm';
import type { Address, OverdueState } from '../domain/account';

/** What billing needs of an account: who it is, where, how it is taxed and what credit it holds. */
export interface BillingProfile {
  id: string;
  name: string;
  email: string;
  currency: string;
  timeZone: string;
  country: string | null;
  /** The region of its address (`address.region`), for regional tax rates. */
  region: string | null;
  address: Address | null;
  taxExempt: boolean;
  taxId: string | null;
  netTermsDays: number;
  billCycleDay: number | null;
  /** Minor units of `currency`, ≥ 0. */
  creditBalance: number;
  /** Dunning's verdict: a `blocked` account takes no new subscription or change. */
  overdueState: OverdueState;
}

const COLUMNS = `id, name, email, currency, timezone, country, address, address->>'region' AS region, tax_exempt, tax_id,
  net_terms_days, bill_cycle_day, credit_balance, overdue_state`;

interface ProfileRow {
  id: string;
  name: string;
  email: string;
  currency: string;
  timezone: string;
  country: string | null;
  address: Address | null;
  region: string | null;
  tax_exempt: boolean;
  tax_id: string | null;
  net_terms_days: number;
  bill_cycle_day: number | null;
  credit_balance: string;
  overdue_state: OverdueState;
}

const toProfile = (row: ProfileRow): BillingProfile => ({
  id: row.id,
  name: row.name,
  email: row.email,
  currency: row.currency,
  timeZone: row.timezone,
  country: row.country,
  region: row.region,
  address: row.address,
  taxExempt: row.tax_exempt,
  taxId: row.tax_id,
  netTermsDays: row.net_terms_days,
  billCycleDay: row.bill_cycle_day,
  creditBalance: Number(row.credit_balance),
  overdueState: row.overdue_state,
});

/** Accounts as billing reads them, set-based, in the caller's transaction (the accounts lib's internal API). */
export const BillingProfiles = {
  async find(manager: EntityManager, id: string): Promise<BillingProfile | null> {
    const [row]: ProfileRow[] = await manager.query(`SELECT ${COLUMNS} FROM accounts WHERE id = $1`, [id]);
    return row ? toProfile(row) : null;
  },

  /** The accounts, row-locked in id order (so that two bill runs never deadlock on them). */
  async lockMany(manager: EntityManager, ids: readonly string[]): Promise<BillingProfile[]> {
    if (ids.length === 0) return [];
    const rows: ProfileRow[] = await manager.query(`SELECT ${COLUMNS} FROM accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [
      [...ids].sort(),
    ]);
    return rows.map(toProfile);
  },
};

/**
 * Credit balances, changed only by billing: set after a bill run (which also marks the accounts invoiced,
 * locking their currency), credited by a void or a credit note, spent on open invoices.
 */
export const AccountBalances = {
  /** Sets the balances a bill run computed (from balances it read under lock) and marks the invoiced accounts. */
  async record(
    manager: EntityManager,
    balances: readonly { accountId: string; creditBalance: number; invoiced: boolean }[],
  ): Promise<void> {
    if (balances.length === 0) return;
    await manager.query(
      `UPDATE accounts SET credit_balance = balances.balance, has_invoices = accounts.has_invoices OR balances.invoiced
         FROM unnest($1::text[], $2::bigint[], $3::boolean[]) AS balances (id, balance, invoiced) WHERE accounts.id = balances.id`,
      [balances.map((row) => row.accountId), balances.map((row) => row.creditBalance), balances.map((row) => row.invoiced)],
    );
  },

  async credit(manager: EntityManager, accountId: string, amount: number): Promise<void> {
    await manager.query(`UPDATE accounts SET credit_balance = credit_balance + $2 WHERE id = $1`, [accountId, amount]);
  },

  /** The accounts of `ids` that hold credit, row-locked, with their balance. */
  async lockWithCredit(manager: EntityManager, ids: readonly string[]): Promise<{ accountId: string; creditBalance: number }[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; credit_balance: string }[] = await manager.query(
      `SELECT id, credit_balance FROM accounts WHERE id = ANY($1) AND credit_balance > 0 ORDER BY id FOR UPDATE`,
      [[...ids].sort()],
    );
    return rows.map((row) => ({ accountId: row.id, creditBalance: Number(row.credit_balance) }));
  },

  async spend(manager: EntityManager, amounts: readonly { accountId: string; amount: number }[]): Promise<void> {
    if (amounts.length === 0) return;
    await manager.query(
      `UPDATE accounts SET credit_balance = accounts.credit_balance - spent.amount
         FROM unnest($1::text[], $2::bigint[]) AS spent (id, amount) WHERE accounts.id = spent.id`,
      [amounts.map((row) => row.accountId), amounts.map((row) => row.amount)],
    );
  },
};
