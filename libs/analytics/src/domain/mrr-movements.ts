/** The movements of MRR (ChartMogul's): positive amounts in minor units; churn and contraction are amounts lost. */
export const MOVEMENTS = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
export type Movement = (typeof MOVEMENTS)[number];

/** One account on one day: its MRR at the end of the day before and at the end of the day. */
export interface AccountDay {
  accountId: string;
  currency: string;
  /** MRR at the end of the previous day (UTC), minor units. */
  before: number;
  /** MRR at the end of the day (UTC), minor units. */
  after: number;
  /** Subscriptions making MRR at the end of the day. */
  payingSubscriptions: number;
  /** The account made MRR at the end of some earlier day (it is not new when it comes back: a reactivation). */
  madeMrrBefore: boolean;
}

/**
 * How an account's MRR moved over a day, classified per account (ChartMogul): a plan swap or a second
 * subscription inside one account is expansion or contraction, never churn plus new.
 * - from 0 to more: `new` the first time the account makes MRR (a trial that converts included), `reactivation`
 *   when it had made MRR before;
 * - from more to 0 (cancel, end, pause): `churn` of all it made;
 * - up or down while above 0: `expansion` or `contraction` of the difference.
 */
export function classifyAccountDay(
  account: Pick<AccountDay, 'before' | 'after' | 'madeMrrBefore'>,
): { movement: Movement; amount: number } | null {
  const { before, after, madeMrrBefore } = account;
  if (before === after) return null;
  if (before === 0) return { movement: madeMrrBefore ? 'reactivation' : 'new', amount: after };
  if (after === 0) return { movement: 'churn', amount: before };
  return after > before ? { movement: 'expansion', amount: after - before } : { movement: 'contraction', amount: before - after };
}

/** A currency's figures for one day: what the snapshot stores. */
export interface DayFigures extends Record<Movement, number> {
  currency: string;
  mrr: number;
  activeSubscriptions: number;
  /** Accounts making MRR at the end of the day. */
  activeAccounts: number;
  /** Accounts that went to 0 that day (logo churn). */
  churnedAccounts: number;
}

/**
 * The day's figures per currency (currencies are never mixed). The SQL of the snapshots (persistence/daily-snapshots.ts)
 * implements the same rules set-based; this is their reference, and `mrr = previous mrr + new + expansion +
 * reactivation − contraction − churn` holds by construction.
 */
export function summarizeDay(accounts: readonly AccountDay[]): DayFigures[] {
  const byCurrency = new Map<string, DayFigures>();
  for (const account of accounts) {
    const figures = byCurrency.get(account.currency) ?? emptyDay(account.currency);
    byCurrency.set(account.currency, figures);
    figures.mrr += account.after;
    figures.activeSubscriptions += account.payingSubscriptions;
    if (account.after > 0) figures.activeAccounts++;
    const moved = classifyAccountDay(account);
    if (!moved) continue;
    figures[moved.movement] += moved.amount;
    if (moved.movement === 'churn') figures.churnedAccounts++;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export function emptyDay(currency: string): DayFigures {
  return {
    currency,
    mrr: 0,
    new: 0,
    expansion: 0,
    contraction: 0,
    churn: 0,
    reactivation: 0,
    activeSubscriptions: 0,
    activeAccounts: 0,
    churnedAccounts: 0,
  };
}

/** The net movement of a day: what `mrr` moved by since the day before. */
export function netMovement(figures: Record<Movement, number>): number {
  return figures.new + figures.expansion + figures.reactivation - figures.contraction - figures.churn;
}
