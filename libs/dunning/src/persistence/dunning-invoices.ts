import { EntityManager } from 'typeorm';

/** An invoice dunning follows, from its finalization with something to pay until it is settled. */
export interface TrackedInvoice {
  invoiceId: string;
  accountId: string;
  subscriptionId: string | null;
  dueAt: Date;
}

interface TrackedRow {
  invoice_id: string;
  account_id: string;
  subscription_id: string | null;
  due_at: Date;
  retries_done: number;
}

const toTracked = (row: TrackedRow): TrackedInvoice & { retriesDone: number } => ({
  invoiceId: row.invoice_id,
  accountId: row.account_id,
  subscriptionId: row.subscription_id,
  dueAt: row.due_at,
  retriesDone: row.retries_done,
});

const columns = (rows: readonly TrackedInvoice[]) => [
  rows.map((row) => row.invoiceId),
  rows.map((row) => row.accountId),
  rows.map((row) => row.subscriptionId),
  rows.map((row) => row.dueAt),
];

/**
 * The unpaid invoices dunning follows (its own table, fed by invoice events, a row from finalization until the
 * invoice is settled): which retries each has had and whether it was found overdue. Claims take rows with FOR UPDATE SKIP LOCKED in chunks, so two schedulers
 * share a run and a row is acted on once.
 */
export const DunningInvoices = {
  /** Starts following unpaid invoices (a redelivered event changes nothing). */
  async track(manager: EntityManager, invoices: readonly TrackedInvoice[]): Promise<void> {
    if (invoices.length === 0) return;
    await manager.query(
      `INSERT INTO dunning_invoices (invoice_id, account_id, subscription_id, due_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) ON CONFLICT (invoice_id) DO NOTHING`,
      columns(invoices),
    );
  },

  /**
   * Stops following invoices that were settled (paid, voided, written off): their rows go, so the table holds
   * only what is unpaid. Answers those that had been found overdue (only they can end a dunning case).
   */
  async settle(manager: EntityManager, invoiceIds: readonly string[]): Promise<TrackedInvoice[]> {
    if (invoiceIds.length === 0) return [];
    // A DELETE … RETURNING answers [rows, count] through TypeORM's postgres driver.
    const [rows]: [(TrackedRow & { overdue_at: Date | null })[], number] = await manager.query(
      `DELETE FROM dunning_invoices WHERE invoice_id = ANY($1::text[])
       RETURNING invoice_id, account_id, subscription_id, due_at, retries_done, overdue_at`,
      [invoiceIds],
    );
    return rows.filter((row) => row.overdue_at !== null).map(toTracked);
  },

  /** Locks up to `limit` followed invoices past their due date and not yet found overdue. */
  async claimNewlyOverdue(manager: EntityManager, now: Date, limit: number, except: readonly string[]): Promise<TrackedInvoice[]> {
    const rows: TrackedRow[] = await manager.query(
      `SELECT invoice_id, account_id, subscription_id, due_at, retries_done FROM dunning_invoices
        WHERE overdue_at IS NULL AND due_at < $1 AND invoice_id <> ALL($3::text[])
        ORDER BY due_at, invoice_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit, except],
    );
    return rows.map(toTracked);
  },

  async markOverdue(manager: EntityManager, invoiceIds: readonly string[], now: Date): Promise<void> {
    if (invoiceIds.length === 0) return;
    await manager.query('UPDATE dunning_invoices SET overdue_at = $2 WHERE invoice_id = ANY($1::text[])', [invoiceIds, now]);
  },

  /**
   * Locks up to `limit` followed invoices whose next retry of `schedule` (days after the due date) has come,
   * with how many retries they have had.
   */
  async claimRetriesDue(
    manager: EntityManager,
    schedule: readonly number[],
    now: Date,
    limit: number,
    except: readonly string[],
  ): Promise<(TrackedInvoice & { retriesDone: number })[]> {
    if (schedule.length === 0) return [];
    const rows: TrackedRow[] = await manager.query(
      `SELECT invoice_id, account_id, subscription_id, due_at, retries_done FROM dunning_invoices
        WHERE retries_done < cardinality($1::int[]) AND due_at <= $2::timestamptz - make_interval(hours => 24 * ($1::int[])[1])
          AND due_at + make_interval(hours => 24 * ($1::int[])[retries_done + 1]) <= $2 AND invoice_id <> ALL($4::text[])
        ORDER BY due_at, invoice_id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [schedule, now, limit, except],
    );
    return rows.map(toTracked);
  },

  async recordRetries(manager: EntityManager, retries: readonly { invoiceId: string; retriesDone: number }[]): Promise<void> {
    if (retries.length === 0) return;
    await manager.query(
      `UPDATE dunning_invoices SET retries_done = done.retries FROM unnest($1::text[], $2::int[]) AS done(id, retries)
        WHERE dunning_invoices.invoice_id = done.id`,
      [retries.map((retry) => retry.invoiceId), retries.map((retry) => retry.retriesDone)],
    );
  },

  /** Accounts with a followed invoice unpaid since `dueBefore` or earlier, in id order. */
  async accountsOverdueSince(manager: EntityManager, dueBefore: Date): Promise<string[]> {
    const rows: { account_id: string }[] = await manager.query(
      `SELECT DISTINCT account_id FROM dunning_invoices WHERE due_at <= $1 ORDER BY account_id`,
      [dueBefore],
    );
    return rows.map((row) => row.account_id);
  },
};
