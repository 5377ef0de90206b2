/**
 * Dates as invoices print them, in the account's zone: one formatter for line descriptions and the PDF, so
 * that a description never disagrees with the Period column beside it. Pure (Intl only).
 */

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in an IANA time zone, as "1 Apr 2027" (day, English short month,
 * year). Built from parts so that it does not depend on a locale's punctuation (en-GB writes "Sept").
 * Throws RangeError for an unknown time zone.
 */
export function formatDate(instant: Date, timeZone: string): string {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
    dateFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year}`;
}

/**
 * A billing period as the dates it covers, in the account's zone. The API's `period_end` is exclusive,
 * so the last date shown is that of the period's last instant (period_end − 1 ms): a monthly period
 * [1 Apr 00:00, 1 May 00:00) prints "1 Apr 2027 – 30 Apr 2027", as Lago, Kill Bill and Chargebee print it.
 * Null when either end is missing.
 */
export function formatPeriod(start: Date | null, end: Date | null, timeZone: string): string | null {
  if (!start || !end) return null;
  const first = formatDate(start, timeZone);
  const last = end.getTime() > start.getTime() ? formatDate(new Date(end.getTime() - 1), timeZone) : first;
  return first === last ? first : `${first} – ${last}`;
}
