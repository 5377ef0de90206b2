import { addDays, addMonths, AnalyticsInterval, dayNumber } from './analytics-range';
import { Movement, MOVEMENTS } from './mrr-movements';
import { decimalRatio, roundedQuotient } from './ratios';

/** A currency's stored snapshot of one day (`date` as YYYY-MM-DD). */
export interface DailySnapshot extends Record<Movement, number> {
  date: string;
  mrr: number;
  activeSubscriptions: number;
  activeAccounts: number;
  churnedAccounts: number;
}

/** A stretch of days the answer has a row for: a day, or the part of a calendar month inside the range. */
interface Period {
  first: string;
  last: string;
  days: DailySnapshot[];
}

/** The days of `rows` inside [from, to], grouped by day or by calendar month; rows must be in date order. */
function periods(rows: readonly DailySnapshot[], from: string, to: string, interval: AnalyticsInterval): Period[] {
  const result: Period[] = [];
  for (const row of rows) {
    if (row.date < from || row.date > to) continue;
    const current = result[result.length - 1];
    if (current && interval === 'month' && current.first.slice(0, 7) === row.date.slice(0, 7)) {
      current.days.push(row);
      current.last = row.date;
    } else {
      result.push({ first: row.date, last: row.date, days: [row] });
    }
  }
  return result;
}

function sumMovements(days: readonly DailySnapshot[]): Record<Movement, number> {
  const sums = Object.fromEntries(MOVEMENTS.map((movement) => [movement, 0])) as Record<Movement, number>;
  for (const day of days) for (const movement of MOVEMENTS) sums[movement] += day[movement];
  return sums;
}

export interface MrrPoint extends Record<Movement, number> {
  /** The period's last day: `mrr` and the counts are those at its end. */
  date: string;
  mrr: number;
  activeSubscriptions: number;
  activeAccounts: number;
}

/** Daily rows as stored, or a month's row: its last day's MRR and counts, and the sum of its movements. */
export function mrrSeries(rows: readonly DailySnapshot[], from: string, to: string, interval: AnalyticsInterval): MrrPoint[] {
  return periods(rows, from, to, interval).map(({ last, days }) => {
    const end = days[days.length - 1];
    return {
      date: last,
      mrr: end.mrr,
      ...sumMovements(days),
      activeSubscriptions: end.activeSubscriptions,
      activeAccounts: end.activeAccounts,
    };
  });
}

export interface ChurnPoint {
  periodStart: string;
  date: string;
  /** Churned accounts ÷ accounts active at the start (the end of the day before the period). */
  logoChurn: string | null;
  /** (churn + contraction − expansion) ÷ MRR at the start; negative when expansion outweighs the losses. */
  revenueChurn: string | null;
}

/** Rows from the day before `from` on: the first period's start is that day's end. */
export function churnSeries(rows: readonly DailySnapshot[], from: string, to: string, interval: AnalyticsInterval): ChurnPoint[] {
  const byDate = new Map(rows.map((row) => [row.date, row]));
  return periods(rows, from, to, interval).map(({ first, last, days }) => {
    const start = byDate.get(addDays(first, -1));
    const moved = sumMovements(days);
    const churnedAccounts = days.reduce((sum, day) => sum + day.churnedAccounts, 0);
    return {
      periodStart: first,
      date: last,
      logoChurn: decimalRatio(churnedAccounts, start?.activeAccounts ?? 0),
      revenueChurn: decimalRatio(moved.churn + moved.contraction - moved.expansion, start?.mrr ?? 0),
    };
  });
}

export interface LtvPoint {
  date: string;
  /** Average revenue per account: MRR ÷ active accounts, minor units (null without accounts). */
  arpa: number | null;
  /** Monthly revenue churn averaged over the three months ending on `date` (those with MRR at their start). */
  revenueChurn: string | null;
  /** ARPA ÷ that churn, minor units; null when it is 0 or less (a lifetime without churn has no finite value). */
  ltv: number | null;
}

/** How far back `ltvSeries` needs rows before `from`: three months and the day before them. */
export function ltvLookbackStart(from: string): string {
  return addDays(addMonths(from, -3), -1);
}

/** Rows from {@link ltvLookbackStart} on. */
export function ltvSeries(rows: readonly DailySnapshot[], from: string, to: string, interval: AnalyticsInterval): LtvPoint[] {
  const window = new MovementWindows(rows);
  return periods(rows, from, to, interval).map(({ last, days }) => {
    const end = days[days.length - 1];
    const arpa = roundedQuotient(BigInt(end.mrr), BigInt(end.activeAccounts));
    // The average of the monthly rates n_i / d_i, kept as one exact fraction: Σ(n_i × Π d_j≠i) / (k × Π d_i).
    let numerator = 0n;
    let denominator = 1n;
    let months = 0;
    for (let back = 0; back < 3; back++) {
      const monthEnd = addMonths(last, -back);
      const monthStart = addMonths(last, -back - 1);
      const startMrr = window.mrrAt(monthStart);
      if (!startMrr) continue;
      const lost = BigInt(window.lostBetween(monthStart, monthEnd));
      numerator = numerator * BigInt(startMrr) + lost * denominator;
      denominator *= BigInt(startMrr);
      months++;
    }
    const average = months === 0 ? null : { numerator, denominator: denominator * BigInt(months) };
    return {
      date: last,
      arpa,
      revenueChurn: average ? bigDecimalRatio(average.numerator, average.denominator) : null,
      ltv:
        arpa !== null && average && average.numerator > 0n ? roundedQuotient(BigInt(arpa) * average.denominator, average.numerator) : null,
    };
  });
}

/** MRR at a day's end and the net loss (churn + contraction − expansion) over (start, end], by prefix sums. */
class MovementWindows {
  private readonly mrrByDate = new Map<string, number>();
  private readonly lostUpTo = new Map<number, number>();
  private readonly firstDay: number;

  constructor(rows: readonly DailySnapshot[]) {
    let running = 0;
    this.firstDay = rows.length ? (dayNumber(rows[0].date) as number) : 0;
    let day = this.firstDay;
    const byDay = new Map(rows.map((row) => [dayNumber(row.date) as number, row]));
    const lastDay = rows.length ? (dayNumber(rows[rows.length - 1].date) as number) : -1;
    for (; day <= lastDay; day++) {
      const row = byDay.get(day);
      if (row) {
        this.mrrByDate.set(row.date, row.mrr);
        running += row.churn + row.contraction - row.expansion;
      }
      this.lostUpTo.set(day, running);
    }
  }

  mrrAt(date: string): number | undefined {
    return this.mrrByDate.get(date);
  }

  lostBetween(start: string, end: string): number {
    const at = (date: string) => this.lostUpTo.get(dayNumber(date) as number) ?? 0;
    return at(end) - at(start);
  }
}

function bigDecimalRatio(numerator: bigint, denominator: bigint): string | null {
  const scale = 10n ** 4n;
  const negative = numerator < 0n;
  const n = (negative ? -numerator : numerator) * scale;
  const scaled = (2n * n + denominator) / (2n * denominator);
  const digits = scaled.toString().padStart(5, '0');
  return `${negative && scaled !== 0n ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}
