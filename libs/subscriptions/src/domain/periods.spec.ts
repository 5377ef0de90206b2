import fc from 'fast-check';
import { DateTime } from 'luxon';
import { BillingSchedule, daysBetween, firstPeriodWithBillCycleDay, Interval, nextPeriod, periodAt, periodContaining } from './periods';

const at = (iso: string) => new Date(iso);
const iso = (period: { start: Date; end: Date }) => [period.start.toISOString(), period.end.toISOString()];
const starts = (schedule: BillingSchedule, count: number) =>
  Array.from({ length: count }, (_, n) => periodAt(schedule, n).start.toISOString());
const monthly = (anchor: string, timeZone = 'UTC', intervalCount = 1): BillingSchedule => ({
  anchor: at(anchor),
  interval: 'month',
  intervalCount,
  timeZone,
});

describe(periodAt.name, () => {
  it.each<[string, BillingSchedule, number, string[]]>([
    [
      'monthly from Jan 31 through leap February 2028',
      monthly('2028-01-31T00:00:00Z'),
      5,
      ['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31'],
    ],
    [
      'monthly from Jan 31 through common February 2027',
      monthly('2027-01-31T00:00:00Z'),
      5,
      ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31'],
    ],
    [
      'yearly from Feb 29',
      { anchor: at('2028-02-29T00:00:00Z'), interval: 'year', intervalCount: 1, timeZone: 'UTC' },
      5,
      ['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29'],
    ],
    [
      'quarterly from Jan 15',
      monthly('2027-01-15T00:00:00Z', 'UTC', 3),
      5,
      ['2027-01-15', '2027-04-15', '2027-07-15', '2027-10-15', '2028-01-15'],
    ],
    [
      'quarterly from Nov 30, clamped in February, back on the 30th',
      monthly('2027-11-30T00:00:00Z', 'UTC', 3),
      4,
      ['2027-11-30', '2028-02-29', '2028-05-30', '2028-08-30'],
    ],
    [
      'every 2 weeks from Monday Mar 1',
      { anchor: at('2027-03-01T00:00:00Z'), interval: 'week', intervalCount: 2, timeZone: 'UTC' },
      4,
      ['2027-03-01', '2027-03-15', '2027-03-29', '2027-04-12'],
    ],
  ])('%s', (_case, schedule, count, expectedDates) => {
    expect(starts(schedule, count)).toEqual(expectedDates.map((date) => `${date}T00:00:00.000Z`));
  });

  it.each<[string, BillingSchedule, number[], string[]]>([
    [
      'Los Angeles monthly at local midnight: 08:00Z in winter, 07:00Z after the March switch, 08:00Z after November',
      monthly('2027-02-01T08:00:00Z', 'America/Los_Angeles'),
      [0, 1, 2, 9, 10],
      [
        '2027-02-01T08:00:00.000Z',
        '2027-03-01T08:00:00.000Z',
        '2027-04-01T07:00:00.000Z',
        '2027-11-01T07:00:00.000Z',
        '2027-12-01T08:00:00.000Z',
      ],
    ],
    [
      'Auckland monthly at local midnight: 11:00Z in summer, 12:00Z after the April switch, 11:00Z after September',
      monthly('2027-02-28T11:00:00Z', 'Pacific/Auckland'),
      [0, 1, 2, 6, 7],
      [
        '2027-02-28T11:00:00.000Z',
        '2027-03-31T11:00:00.000Z',
        '2027-04-30T12:00:00.000Z',
        '2027-08-31T12:00:00.000Z',
        '2027-09-30T11:00:00.000Z',
      ],
    ],
    [
      'Los Angeles monthly at 09:30 local keeps 09:30 local',
      monthly('2027-01-15T17:30:00Z', 'America/Los_Angeles'),
      [0, 3],
      ['2027-01-15T17:30:00.000Z', '2027-04-15T16:30:00.000Z'],
    ],
  ])('%s', (_case, schedule, indexes, expected) => {
    expect(indexes.map((n) => periodAt(schedule, n).start.toISOString())).toEqual(expected);
  });

  it.each([
    [
      'the day Los Angeles springs forward lasts 23 hours',
      'America/Los_Angeles',
      '2027-03-14T08:00:00Z',
      ['2027-03-14T08:00:00.000Z', '2027-03-15T07:00:00.000Z'],
    ],
    [
      'the day Los Angeles falls back lasts 25 hours',
      'America/Los_Angeles',
      '2027-11-07T07:00:00Z',
      ['2027-11-07T07:00:00.000Z', '2027-11-08T08:00:00.000Z'],
    ],
    [
      'the day Auckland falls back lasts 25 hours',
      'Pacific/Auckland',
      '2027-04-03T11:00:00Z',
      ['2027-04-03T11:00:00.000Z', '2027-04-04T12:00:00.000Z'],
    ],
    [
      'the day Auckland springs forward lasts 23 hours',
      'Pacific/Auckland',
      '2027-09-25T12:00:00Z',
      ['2027-09-25T12:00:00.000Z', '2027-09-26T11:00:00.000Z'],
    ],
  ])('daily at local midnight: %s', (_case, timeZone, instant, expected) => {
    const anchor = DateTime.fromISO('2027-01-01', { zone: timeZone }).toJSDate();
    const daily: BillingSchedule = { anchor, interval: 'day', intervalCount: 1, timeZone };
    expect(iso(periodContaining(daily, at(instant)))).toEqual(expected);
  });

  it('reaches back before the anchor for negative indexes (the full period around a stub)', () => {
    expect(iso(periodAt({ ...monthly('2027-03-31T00:00:00Z'), anchorDay: 31 }, -1))).toEqual([
      '2027-02-28T00:00:00.000Z',
      '2027-03-31T00:00:00.000Z',
    ]);
  });

  it.each<[string, Partial<BillingSchedule>]>([
    ['interval_count 0', { intervalCount: 0 }],
    ['a fractional interval_count', { intervalCount: 1.5 }],
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }],
    ['an anchor day that is not the anchor date', { anchorDay: 30 }],
    ['an unknown interval', { interval: 'fortnight' as Interval }],
  ])('refuses %s', (_case, override) => {
    expect(() => periodAt({ ...monthly('2027-01-31T00:00:00Z'), ...override }, 0)).toThrow(RangeError);
  });
});

describe(periodContaining.name, () => {
  const jan31 = monthly('2027-01-31T00:00:00Z');

  it.each([
    ['mid-March falls in Feb 28 – Mar 31', jan31, '2027-03-15T12:00:00Z', ['2027-02-28', '2027-03-31']],
    ['a boundary belongs to the period it starts', jan31, '2027-03-31T00:00:00Z', ['2027-03-31', '2027-04-30']],
    ['the last millisecond belongs to the period it ends', jan31, '2027-03-30T23:59:59.999Z', ['2027-02-28', '2027-03-31']],
    ['the anchor starts period 0', jan31, '2027-01-31T00:00:00Z', ['2027-01-31', '2027-02-28']],
    ['years later, still back on the 31st', jan31, '2031-08-31T00:00:00Z', ['2031-08-31', '2031-09-30']],
  ])('%s', (_case, schedule, instant, [start, end]) => {
    expect(iso(periodContaining(schedule, at(instant)))).toEqual([`${start}T00:00:00.000Z`, `${end}T00:00:00.000Z`]);
  });

  it('places an instant by its local date: 2027-04-30T12:30Z is May 1 in Auckland', () => {
    const auckland = monthly('2027-02-28T11:00:00Z', 'Pacific/Auckland');
    expect(iso(periodContaining(auckland, at('2027-04-30T12:30:00Z')))).toEqual(['2027-04-30T12:00:00.000Z', '2027-05-31T12:00:00.000Z']);
  });

  it('has no period before the anchor', () => {
    expect(() => periodContaining(jan31, at('2027-01-30T23:59:59Z'))).toThrow(RangeError);
  });
});

describe(nextPeriod.name, () => {
  it('follows Feb 28 – Mar 31 with Mar 31 – Apr 30 for a Jan 31 anchor', () => {
    const schedule = monthly('2027-01-31T00:00:00Z');
    expect(iso(nextPeriod(schedule, periodAt(schedule, 1)))).toEqual(['2027-03-31T00:00:00.000Z', '2027-04-30T00:00:00.000Z']);
  });

  it('follows a bill cycle day stub with the first full period', () => {
    const { firstPeriod, schedule } = firstPeriodWithBillCycleDay(at('2027-04-11T14:30:00Z'), 1, 'month', 1, 'UTC');
    expect(iso(nextPeriod(schedule, firstPeriod))).toEqual(['2027-05-01T00:00:00.000Z', '2027-06-01T00:00:00.000Z']);
  });
});

describe(firstPeriodWithBillCycleDay.name, () => {
  interface Case {
    name: string;
    start: string;
    billCycleDay: number;
    interval?: Interval;
    intervalCount?: number;
    timeZone?: string;
    /** The stub, or null when the first period is a full one. */
    stub: [string, string] | null;
    firstFullPeriod: [string, string];
  }
  it.each<Case>([
    {
      name: 'stub from Apr 11 14:30 to May 1',
      start: '2027-04-11T14:30:00Z',
      billCycleDay: 1,
      stub: ['2027-04-11T14:30:00.000Z', '2027-05-01T00:00:00.000Z'],
      firstFullPeriod: ['2027-05-01T00:00:00.000Z', '2027-06-01T00:00:00.000Z'],
    },
    {
      name: 'stub from Apr 20 to May 15',
      start: '2027-04-20T00:00:00Z',
      billCycleDay: 15,
      stub: ['2027-04-20T00:00:00.000Z', '2027-05-15T00:00:00.000Z'],
      firstFullPeriod: ['2027-05-15T00:00:00.000Z', '2027-06-15T00:00:00.000Z'],
    },
    {
      name: 'day 31 clamps the stub to Feb 28, then returns to Mar 31',
      start: '2027-02-10T00:00:00Z',
      billCycleDay: 31,
      stub: ['2027-02-10T00:00:00.000Z', '2027-02-28T00:00:00.000Z'],
      firstFullPeriod: ['2027-02-28T00:00:00.000Z', '2027-03-31T00:00:00.000Z'],
    },
    {
      name: 'starting on the bill cycle day needs no stub and keeps the start time',
      start: '2027-04-01T14:30:00Z',
      billCycleDay: 1,
      stub: null,
      firstFullPeriod: ['2027-04-01T14:30:00.000Z', '2027-05-01T14:30:00.000Z'],
    },
    {
      name: 'Feb 28 is day 31 of a common February: no stub, back to Mar 31',
      start: '2027-02-28T09:00:00Z',
      billCycleDay: 31,
      stub: null,
      firstFullPeriod: ['2027-02-28T09:00:00.000Z', '2027-03-31T09:00:00.000Z'],
    },
    {
      name: 'the local date decides: 2027-04-11T03:00Z is Apr 10 in Los Angeles, stub to Apr 11 local midnight',
      start: '2027-04-11T03:00:00Z',
      billCycleDay: 11,
      timeZone: 'America/Los_Angeles',
      stub: ['2027-04-11T03:00:00.000Z', '2027-04-11T07:00:00.000Z'],
      firstFullPeriod: ['2027-04-11T07:00:00.000Z', '2027-05-11T07:00:00.000Z'],
    },
    {
      name: 'quarterly after the stub',
      start: '2027-01-20T00:00:00Z',
      billCycleDay: 5,
      intervalCount: 3,
      stub: ['2027-01-20T00:00:00.000Z', '2027-02-05T00:00:00.000Z'],
      firstFullPeriod: ['2027-02-05T00:00:00.000Z', '2027-05-05T00:00:00.000Z'],
    },
    {
      name: 'yearly after a stub to the next 1st',
      start: '2027-03-10T00:00:00Z',
      billCycleDay: 1,
      interval: 'year',
      stub: ['2027-03-10T00:00:00.000Z', '2027-04-01T00:00:00.000Z'],
      firstFullPeriod: ['2027-04-01T00:00:00.000Z', '2028-04-01T00:00:00.000Z'],
    },
    {
      name: 'weekly ignores the bill cycle day',
      start: '2027-04-11T14:30:00Z',
      billCycleDay: 1,
      interval: 'week',
      stub: null,
      firstFullPeriod: ['2027-04-11T14:30:00.000Z', '2027-04-18T14:30:00.000Z'],
    },
  ])('$name', ({ start, billCycleDay, interval = 'month', intervalCount = 1, timeZone = 'UTC', stub, firstFullPeriod }) => {
    const result = firstPeriodWithBillCycleDay(at(start), billCycleDay, interval, intervalCount, timeZone);
    expect(result.isStub).toBe(stub !== null);
    expect(iso(result.firstPeriod)).toEqual(stub ?? firstFullPeriod);
    expect(iso(periodAt(result.schedule, 0))).toEqual(firstFullPeriod);
  });

  it('keeps full periods on day 31 after a clamped stub: Feb 28, Mar 31, Apr 30, May 31', () => {
    const { schedule } = firstPeriodWithBillCycleDay(at('2027-02-10T00:00:00Z'), 31, 'month', 1, 'UTC');
    expect(starts(schedule, 4)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31'].map((d) => `${d}T00:00:00.000Z`));
  });

  it.each([0, 32, 1.5])('refuses bill_cycle_day %s', (billCycleDay) => {
    expect(() => firstPeriodWithBillCycleDay(at('2027-04-11T00:00:00Z'), billCycleDay, 'month', 1, 'UTC')).toThrow(RangeError);
  });
});

describe(daysBetween.name, () => {
  it.each([
    ['Apr 1 – May 1', 30, '2027-04-01T00:00:00Z', '2027-05-01T00:00:00Z', 'UTC'],
    ['Apr 11 – May 1', 20, '2027-04-11T00:00:00Z', '2027-05-01T00:00:00Z', 'UTC'],
    ['leap February', 29, '2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z', 'UTC'],
    ['March across the Los Angeles switch', 31, '2027-03-01T08:00:00Z', '2027-04-01T07:00:00Z', 'America/Los_Angeles'],
    ['April across the Auckland switch', 30, '2027-03-31T11:00:00Z', '2027-04-30T12:00:00Z', 'Pacific/Auckland'],
    ['from 20:00Z, already Apr 11 in Auckland, to May 1', 20, '2027-04-10T20:00:00Z', '2027-04-30T12:00:00Z', 'Pacific/Auckland'],
    ['same local date, hours apart', 0, '2027-04-11T01:00:00Z', '2027-04-11T23:00:00Z', 'UTC'],
  ])('%s: %i days', (_case, days, start, end, timeZone) => {
    expect(daysBetween(at(start), at(end), timeZone)).toBe(days);
  });
});

describe('period properties', () => {
  const zones = [
    'UTC',
    'America/Los_Angeles',
    'America/New_York',
    'America/Sao_Paulo',
    'America/Santiago',
    'Europe/London',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Asia/Tokyo',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'Pacific/Auckland',
    'Pacific/Chatham',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
  ];
  // From 2000 on: before that, Pacific/Kiritimati skipped a whole local date (1994), which no calendar
  // arithmetic can land on.
  const schedules = fc.record({
    anchor: fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2060-01-01T00:00:00Z'), noInvalidDate: true }),
    interval: fc.constantFrom<Interval>('day', 'week', 'month', 'year'),
    intervalCount: fc.integer({ min: 1, max: 12 }),
    timeZone: fc.constantFrom(...zones),
  });

  it('tiles time: each period ends where the next starts, and starts before it ends', () => {
    fc.assert(
      fc.property(schedules, fc.integer({ min: 0, max: 120 }), (schedule, n) => {
        const period = periodAt(schedule, n);
        const following = periodAt(schedule, n + 1);
        expect(period.start.getTime()).toBeLessThan(period.end.getTime());
        expect(period.end.getTime()).toBe(following.start.getTime());
        expect(iso(nextPeriod(schedule, period))).toEqual(iso(following));
      }),
      { numRuns: 500 },
    );
  });

  it('finds, for any instant after the anchor, the period that holds it', () => {
    fc.assert(
      fc.property(
        schedules,
        fc.integer({ min: 0, max: 120 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (schedule, n, fraction) => {
          const period = periodAt(schedule, n);
          const instant = new Date(period.start.getTime() + Math.floor(fraction * (period.end.getTime() - period.start.getTime())));
          expect(iso(periodContaining(schedule, instant))).toEqual(iso(period));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps monthly and yearly periods at local midnight on the anchor day, clamped to the month', () => {
    const midnightZones = zones.filter((zone) => !['America/Sao_Paulo', 'America/Santiago'].includes(zone));
    fc.assert(
      fc.property(
        fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2060-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom<Interval>('month', 'year'),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...midnightZones),
        fc.integer({ min: 0, max: 60 }),
        (instant, interval, intervalCount, timeZone, n) => {
          const anchorLocal = DateTime.fromJSDate(instant, { zone: timeZone }).startOf('day');
          const schedule = { anchor: anchorLocal.toJSDate(), interval, intervalCount, timeZone };
          const start = DateTime.fromJSDate(periodAt(schedule, n).start, { zone: timeZone });
          expect(start.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
          expect(start.day).toBe(Math.min(anchorLocal.day, start.daysInMonth ?? 0));
        },
      ),
      { numRuns: 500 },
    );
  });
});
