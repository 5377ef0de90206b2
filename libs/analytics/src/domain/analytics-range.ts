import { FieldError, ValidationFailed } from '@billing/kernel';

export const ANALYTICS_INTERVALS = ['day', 'month'] as const;
export type AnalyticsInterval = (typeof ANALYTICS_INTERVALS)[number];

/** The longest range one request may ask: 3 years of days (2024-01-01 to 2026-12-31, 1 096 rows). */
export const MAX_RANGE_MONTHS = 36;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Dates as `YYYY-MM-DD` (UTC days), inclusive at both ends. */
export interface AnalyticsRange {
  from: string;
  to: string;
}

/** The date as a day number (days since 1970-01-01), or null when it is not a real calendar date. */
export function dayNumber(date: string): number | null {
  if (!DATE.test(date)) return null;
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) return null;
  return time / DAY_MS;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay((dayNumber(date) as number) + days);
}

/** The same day `months` earlier or later, clamped to the month's last day (Mar 31 − 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

/** Checks a requested range: real dates, `from` ≤ `to`, at most 3 years; a failure names the field. */
export function checkRange(range: AnalyticsRange): AnalyticsRange {
  const errors: FieldError[] = [];
  const from = dayNumber(range.from);
  const to = dayNumber(range.to);
  if (from === null) errors.push({ field: 'from', message: 'must be a date YYYY-MM-DD' });
  if (to === null) errors.push({ field: 'to', message: 'must be a date YYYY-MM-DD' });
  if (from !== null && to !== null) {
    if (to < from) errors.push({ field: 'to', message: 'must not be before from' });
    else if (range.to >= addMonths(range.from, MAX_RANGE_MONTHS))
      errors.push({ field: 'to', message: 'must be at most 3 years after from' });
  }
  if (errors.length > 0) throw new ValidationFailed(errors);
  return range;
}
