import fc from 'fast-check';
import { DateTime } from 'luxon';
import { BillingPeriod, firstPeriodWithBillCycleDay, periodAt } from './periods';
import { prorationForChange, remainingCharge, unusedCredit } from './proration';

const at = (iso: string) => new Date(iso);
const period = (start: string, end: string): BillingPeriod => ({ start: at(start), end: at(end) });
const april = period('2027-04-01T00:00:00Z', '2027-05-01T00:00:00Z');

describe(prorationForChange.name, () => {
  it.each([
    {
      name: 'worked example: USD 30.00 → 90.00 on Apr 11 of Apr 1 – May 1',
      oldUnitAmount: 3000,
      newUnitAmount: 9000,
      period: april,
      changeAt: '2027-04-11T10:00:00Z',
      timeZone: 'UTC',
      expected: { credit: -2000, charge: 6000, daysRemaining: 20, daysInPeriod: 30 },
    },
    {
      name: 'JPY ¥1000 → ¥2000 with 10 of 30 days left rounds to whole yen',
      oldUnitAmount: 1000,
      newUnitAmount: 2000,
      period: period('2027-03-31T15:00:00Z', '2027-04-30T15:00:00Z'),
      changeAt: '2027-04-20T15:00:00Z',
      timeZone: 'Asia/Tokyo',
      expected: { credit: -333, charge: 667, daysRemaining: 10, daysInPeriod: 30 },
    },
    {
      name: 'KWD 10.000 → 25.500 with 5 of 31 days left rounds to whole fils',
      oldUnitAmount: 10000,
      newUnitAmount: 25500,
      period: period('2026-12-31T21:00:00Z', '2027-01-31T21:00:00Z'),
      changeAt: '2027-01-26T21:00:00Z',
      timeZone: 'Asia/Kuwait',
      expected: { credit: -1613, charge: 4113, daysRemaining: 5, daysInPeriod: 31 },
    },
    {
      name: 'exact halves round away from zero on both lines: 45 × 15/30 = 22.5',
      oldUnitAmount: 45,
      newUnitAmount: 45,
      period: april,
      changeAt: '2027-04-16T00:00:00Z',
      timeZone: 'UTC',
      expected: { credit: -23, charge: 23, daysRemaining: 15, daysInPeriod: 30 },
    },
    {
      name: 'a change on the first day credits the whole period',
      oldUnitAmount: 3000,
      newUnitAmount: 9000,
      period: april,
      changeAt: '2027-04-01T23:00:00Z',
      timeZone: 'UTC',
      expected: { credit: -3000, charge: 9000, daysRemaining: 30, daysInPeriod: 30 },
    },
    {
      name: 'a downgrade on the last day',
      oldUnitAmount: 9000,
      newUnitAmount: 3000,
      period: april,
      changeAt: '2027-04-30T12:00:00Z',
      timeZone: 'UTC',
      expected: { credit: -300, charge: 100, daysRemaining: 1, daysInPeriod: 30 },
    },
    {
      name: 'the change counts from its local date: Apr 10 20:00Z is Apr 11 in Auckland',
      oldUnitAmount: 3000,
      newUnitAmount: 9000,
      period: period('2027-03-31T11:00:00Z', '2027-04-30T12:00:00Z'),
      changeAt: '2027-04-10T20:00:00Z',
      timeZone: 'Pacific/Auckland',
      expected: { credit: -2000, charge: 6000, daysRemaining: 20, daysInPeriod: 30 },
    },
  ])('$name', ({ oldUnitAmount, newUnitAmount, period: changed, changeAt, timeZone, expected }) => {
    expect(
      prorationForChange({
        oldUnitAmount,
        oldQuantity: 1,
        newUnitAmount,
        newQuantity: 1,
        period: changed,
        changeAt: at(changeAt),
        timeZone,
      }),
    ).toEqual(expected);
  });

  it('multiplies by quantity before the one rounding: 3 seats × 1001 for 20/30 days = 2002', () => {
    const result = prorationForChange({
      oldUnitAmount: 1001,
      oldQuantity: 3,
      newUnitAmount: 1001,
      newQuantity: 5,
      period: april,
      changeAt: at('2027-04-11T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect([result.credit, result.charge]).toEqual([-2002, 3337]);
  });

  it('leaves nothing to prorate on the local date the period ends, when periods do not start at midnight', () => {
    const afternoon = period('2027-04-01T14:00:00Z', '2027-05-01T14:00:00Z');
    const result = prorationForChange({
      oldUnitAmount: 3000,
      oldQuantity: 1,
      newUnitAmount: 9000,
      newQuantity: 1,
      period: afternoon,
      changeAt: at('2027-05-01T09:00:00Z'),
      timeZone: 'UTC',
    });
    expect(result).toEqual({ credit: 0, charge: 0, daysRemaining: 0, daysInPeriod: 30 });
  });

  it.each([
    ['before the period', '2027-03-31T23:59:59Z'],
    ['at the period end', '2027-05-01T00:00:00Z'],
  ])('refuses a change %s', (_case, changeAt) => {
    expect(() =>
      prorationForChange({
        oldUnitAmount: 3000,
        oldQuantity: 1,
        newUnitAmount: 9000,
        newQuantity: 1,
        period: april,
        changeAt: at(changeAt),
        timeZone: 'UTC',
      }),
    ).toThrow(RangeError);
  });

  it.each([
    ['a negative price', { oldUnitAmount: -1 }],
    ['a fractional quantity', { newQuantity: 1.5 }],
  ])('refuses %s', (_case, override) => {
    expect(() =>
      prorationForChange({
        oldUnitAmount: 3000,
        oldQuantity: 1,
        newUnitAmount: 9000,
        newQuantity: 1,
        period: april,
        changeAt: at('2027-04-11T00:00:00Z'),
        timeZone: 'UTC',
        ...override,
      }),
    ).toThrow(RangeError);
  });
});

describe(unusedCredit.name, () => {
  it.each([
    ['cancel on Apr 11 credits 20 of 30 days', '2027-04-11T08:00:00Z', -2000],
    ['cancel on Apr 1 credits the whole period', '2027-04-01T00:00:00Z', -3000],
    ['cancel on Apr 30 credits one day', '2027-04-30T23:59:59Z', -100],
  ])('%s', (_case, cancelAt, credit) => {
    expect(unusedCredit({ unitAmount: 3000, quantity: 1, period: april, from: at(cancelAt), timeZone: 'UTC' })).toBe(credit);
  });

  it('credits zero, not minus zero, for a free plan', () => {
    expect(
      Object.is(unusedCredit({ unitAmount: 0, quantity: 1, period: april, from: at('2027-04-11T00:00:00Z'), timeZone: 'UTC' }), 0),
    ).toBe(true);
  });
});

describe(remainingCharge.name, () => {
  it('prices a bill_cycle_day stub Apr 11 → May 1 against the month it belongs to: 3000 × 20/30', () => {
    const { firstPeriod, schedule } = firstPeriodWithBillCycleDay(at('2027-04-11T14:30:00Z'), 1, 'month', 1, 'UTC');
    const fullPeriod = periodAt(schedule, -1);
    expect(remainingCharge({ unitAmount: 3000, quantity: 1, period: fullPeriod, from: firstPeriod.start, timeZone: 'UTC' })).toBe(2000);
  });

  it('prices a stub Feb 10 → Feb 28 for bill_cycle_day 31 against Jan 31 – Feb 28: 2800 × 18/28', () => {
    const { firstPeriod, schedule } = firstPeriodWithBillCycleDay(at('2027-02-10T00:00:00Z'), 31, 'month', 1, 'UTC');
    const fullPeriod = periodAt(schedule, -1);
    expect(fullPeriod.start.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(remainingCharge({ unitAmount: 2800, quantity: 1, period: fullPeriod, from: firstPeriod.start, timeZone: 'UTC' })).toBe(1800);
  });
});

describe('proration properties', () => {
  const zones = ['UTC', 'America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kolkata', 'Europe/Berlin', 'Pacific/Chatham'];
  const changes = fc
    .record({
      anchor: fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2060-01-01T00:00:00Z'), noInvalidDate: true }),
      interval: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
      intervalCount: fc.integer({ min: 1, max: 12 }),
      timeZone: fc.constantFrom(...zones),
      n: fc.integer({ min: 0, max: 24 }),
      fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      oldUnitAmount: fc.integer({ min: 0, max: 10_000_000 }),
      oldQuantity: fc.integer({ min: 0, max: 1000 }),
      newUnitAmount: fc.integer({ min: 0, max: 10_000_000 }),
      newQuantity: fc.integer({ min: 0, max: 1000 }),
    })
    .map(({ anchor, interval, intervalCount, timeZone, n, fraction, ...prices }) => {
      const changed = periodAt({ anchor, interval, intervalCount, timeZone }, n);
      const span = changed.end.getTime() - changed.start.getTime();
      const changeAt = new Date(changed.start.getTime() + Math.floor(fraction * span));
      return { ...prices, period: changed, changeAt, timeZone };
    });

  it('never credits more than the full price of the period, nor charges more than the new one', () => {
    fc.assert(
      fc.property(changes, (change) => {
        const { credit, charge, daysRemaining, daysInPeriod } = prorationForChange(change);
        expect(credit).toBeLessThanOrEqual(0);
        expect(-credit).toBeLessThanOrEqual(change.oldUnitAmount * change.oldQuantity);
        expect(charge).toBeGreaterThanOrEqual(0);
        expect(charge).toBeLessThanOrEqual(change.newUnitAmount * change.newQuantity);
        expect(daysRemaining).toBeGreaterThanOrEqual(0);
        expect(daysRemaining).toBeLessThanOrEqual(daysInPeriod);
      }),
      { numRuns: 500 },
    );
  });

  it('nets to zero when neither the plan nor the quantity changes', () => {
    fc.assert(
      fc.property(changes, (change) => {
        const same = { ...change, newUnitAmount: change.oldUnitAmount, newQuantity: change.oldQuantity };
        const { credit, charge } = prorationForChange(same);
        expect(credit + charge).toBe(0);
        expect(
          unusedCredit({
            unitAmount: same.oldUnitAmount,
            quantity: same.oldQuantity,
            period: same.period,
            from: same.changeAt,
            timeZone: same.timeZone,
          }),
        ).toBe(credit);
      }),
      { numRuns: 500 },
    );
  });

  it('counts days in the period as the local dates it spans', () => {
    fc.assert(
      fc.property(changes, (change) => {
        const { daysInPeriod } = prorationForChange(change);
        const start = DateTime.fromJSDate(change.period.start, { zone: change.timeZone }).startOf('day');
        const end = DateTime.fromJSDate(change.period.end, { zone: change.timeZone }).startOf('day');
        expect(daysInPeriod).toBe(Math.round(end.diff(start, 'days').days));
      }),
      { numRuns: 200 },
    );
  });
});
