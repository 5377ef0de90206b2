import { DateTime } from 'luxon';

export type Interval = 'day' | 'week' | 'month' | 'year';

/** `end` is exclusive; both are UTC instants. */
export interface BillingPeriod {
  start: Date;
  end: Date;
}

export interface BillingSchedule {
  /** The subscription's start or trial end, or the bill cycle day boundary after a stub. */
  anchor: Date;
  interval: Interval;
  intervalCount: number;
  /** IANA zone of the account: periods are local calendar arithmetic, stored as UTC instants. */
  timeZone: string;
  /**
   * Day of month that monthly and yearly periods return to; defaults to the anchor's local day. Needed
   * when the anchor itself was clamped: bill_cycle_day 31 anchored on Feb 28 must come back to Mar 31.
   */
  anchorDay?: number;
}

export interface BillCycleStart {
  /** The stub (start → bill cycle day) when there is one, otherwise the first full period. */
  firstPeriod: BillingPeriod;
  isStub: boolean;
  /** Full periods follow from here: `periodAt(schedule, 0)` is the first full period. */
  schedule: BillingSchedule;
}

/** Period n of the schedule (n = 0 starts at the anchor; negative n reaches back before it). */
export function periodAt(schedule: BillingSchedule, n: number): BillingPeriod {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Period index must be an integer, got ${n}.`);
  const boundary = boundaries(schedule);
  return { start: boundary(n), end: boundary(n + 1) };
}

/** The period of the schedule that holds `instant`; instants before the anchor have none. */
export function periodContaining(schedule: BillingSchedule, instant: Date): BillingPeriod {
  const boundary = boundaries(schedule);
  if (instant < schedule.anchor) {
    throw new RangeError(`${instant.toISOString()} is before the schedule's anchor ${schedule.anchor.toISOString()}.`);
  }
  const anchorLocal = toLocal(schedule.anchor, schedule.timeZone);
  const instantLocal = toLocal(instant, schedule.timeZone);
  // Estimate the index from local calendar distance, then step to the exact period: clamping and DST
  // shifts move boundaries by at most a few days or hours, so the loops run once or twice.
  const step = stepOf(schedule);
  const distance =
    step.unit === 'months' ? monthNumber(instantLocal) - monthNumber(anchorLocal) : dayNumber(instantLocal) - dayNumber(anchorLocal);
  let n = Math.floor(distance / step.size);
  while (n > 0 && boundary(n) > instant) n--;
  while (boundary(n + 1) <= instant) n++;
  return { start: boundary(n), end: boundary(n + 1) };
}

/** The period right after `period`, which must be a period of the schedule (or the stub before it). */
export function nextPeriod(schedule: BillingSchedule, period: BillingPeriod): BillingPeriod {
  return periodContaining(schedule, period.end);
}

/**
 * With an account bill_cycle_day, the first period is a stub from `start` to the next local occurrence of
 * that day of month (clamped to the month's end, at local midnight), and full periods are anchored there.
 * Starting on the bill cycle day itself needs no stub: the first period starts at `start`.
 * bill_cycle_day only means something for month and year intervals; day and week intervals ignore it and
 * are anchored on `start`.
 */
export function firstPeriodWithBillCycleDay(
  start: Date,
  billCycleDay: number,
  interval: Interval,
  intervalCount: number,
  timeZone: string,
): BillCycleStart {
  if (!Number.isInteger(billCycleDay) || billCycleDay < 1 || billCycleDay > 31) {
    throw new RangeError(`bill_cycle_day must be an integer from 1 to 31, got ${billCycleDay}.`);
  }
  if (interval === 'day' || interval === 'week') {
    const schedule: BillingSchedule = { anchor: start, interval, intervalCount, timeZone };
    return { firstPeriod: periodAt(schedule, 0), isStub: false, schedule };
  }
  const local = toLocal(start, timeZone);
  const dayThisMonth = Math.min(billCycleDay, daysInMonth(local.year, local.month));
  if (local.day === dayThisMonth) {
    const schedule: BillingSchedule = { anchor: start, interval, intervalCount, timeZone, anchorDay: billCycleDay };
    return { firstPeriod: periodAt(schedule, 0), isStub: false, schedule };
  }
  const month = yearMonth(monthNumber(local) + (local.day < dayThisMonth ? 0 : 1));
  const anchor = localInstant(
    {
      ...month,
      day: Math.min(billCycleDay, daysInMonth(month.year, month.month)),
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    },
    timeZone,
  );
  const schedule: BillingSchedule = { anchor, interval, intervalCount, timeZone, anchorDay: billCycleDay };
  boundaries(schedule); // rejects a bad interval_count now rather than at the first renewal
  return { firstPeriod: { start, end: anchor }, isStub: true, schedule };
}

/**
 * Local calendar days from `start`'s date to `end`'s date in the zone: Apr 11 → May 1 is 20 whatever the
 * times of day or DST switches between them; negative when `end` is earlier.
 */
export function daysBetween(start: Date, end: Date, timeZone: string): number {
  return dayNumber(toLocal(end, timeZone)) - dayNumber(toLocal(start, timeZone));
}

interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Boundary n is always anchor + n × interval in local time, never the previous period's end + interval:
 * otherwise one clamp (Jan 31 → Feb 28) would stick and every later period would start on the 28th.
 */
function boundaries(schedule: BillingSchedule): (n: number) => Date {
  const { anchor, intervalCount, timeZone } = schedule;
  if (!Number.isSafeInteger(intervalCount) || intervalCount < 1) {
    throw new RangeError(`interval_count must be a positive integer, got ${intervalCount}.`);
  }
  const local = toLocal(anchor, timeZone);
  const time = { hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond };
  const step = stepOf(schedule);
  if (step.unit === 'days') {
    const anchorDate = DateTime.utc(local.year, local.month, local.day);
    return (n) => {
      const date = anchorDate.plus({ days: n * step.size });
      return localInstant({ year: date.year, month: date.month, day: date.day, ...time }, timeZone);
    };
  }
  const anchorDay = schedule.anchorDay ?? local.day;
  if (
    !Number.isInteger(anchorDay) ||
    anchorDay < 1 ||
    anchorDay > 31 ||
    Math.min(anchorDay, daysInMonth(local.year, local.month)) !== local.day
  ) {
    throw new RangeError(`anchorDay ${anchorDay} does not match the anchor's local date ${local.toISODate()}.`);
  }
  const anchorMonth = monthNumber(local);
  return (n) => {
    const month = yearMonth(anchorMonth + n * step.size);
    const day = Math.min(anchorDay, daysInMonth(month.year, month.month));
    return localInstant({ ...month, day, ...time }, timeZone);
  };
}

function stepOf({ interval, intervalCount }: BillingSchedule): { unit: 'days' | 'months'; size: number } {
  switch (interval) {
    case 'day':
      return { unit: 'days', size: intervalCount };
    case 'week':
      return { unit: 'days', size: 7 * intervalCount };
    case 'month':
      return { unit: 'months', size: intervalCount };
    case 'year':
      return { unit: 'months', size: 12 * intervalCount };
    default:
      throw new RangeError(`Unknown interval "${String(interval)}".`);
  }
}

function toLocal(instant: Date, timeZone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) {
    throw new RangeError(`Cannot place ${String(instant)} in zone "${timeZone}": ${local.invalidExplanation}.`);
  }
  return local;
}

/** A local wall time that falls in a DST gap moves forward by the gap (luxon's rule), e.g. 02:30 → 03:30. */
function localInstant(wallTime: LocalDateTime, timeZone: string): Date {
  return DateTime.fromObject(wallTime, { zone: timeZone }).toJSDate();
}

function monthNumber(local: { year: number; month: number }): number {
  return local.year * 12 + (local.month - 1);
}

function yearMonth(monthNumberValue: number): { year: number; month: number } {
  const year = Math.floor(monthNumberValue / 12);
  return { year, month: monthNumberValue - year * 12 + 1 };
}

function dayNumber(local: DateTime): number {
  return Math.round(DateTime.utc(local.year, local.month, local.day).toMillis() / 86_400_000);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}
