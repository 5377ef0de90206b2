import { BillableState, monthlyRecurringRevenue } from './monthly-recurring-revenue';

const monthly: BillableState = { unitAmount: 3000, quantity: 1, interval: 'month', intervalCount: 1, status: 'active' };

describe('monthlyRecurringRevenue', () => {
  it.each<[string, Partial<BillableState>, number]>([
    ['a monthly fee as is', {}, 3000],
    ['× quantity', { quantity: 3 }, 9000],
    ['a year ÷ 12 (120000 / 12)', { unitAmount: 120_000, interval: 'year' }, 10_000],
    ['a year ÷ 12, rounded half up (1000 / 12 = 83.33)', { unitAmount: 1000, interval: 'year' }, 83],
    ['a week × 52/12 (1000 × 52 / 12 = 4333.33)', { unitAmount: 1000, interval: 'week' }, 4333],
    ['a day × 365/12 (100 × 365 / 12 = 3041.67)', { unitAmount: 100, interval: 'day' }, 3042],
    ['a quarter (3 months) ÷ 3 (10000 / 3 = 3333.33)', { unitAmount: 10_000, intervalCount: 3 }, 3333],
    ['half up at exactly .5 (18 / 12 = 1.5)', { unitAmount: 18, interval: 'year' }, 2],
    ['past_due still counts', { status: 'past_due' }, 3000],
    ['a trial counts 0', { status: 'trialing' }, 0],
    ['a pause counts 0', { status: 'paused' }, 0],
    ['an ended subscription counts 0', { status: 'canceled' }, 0],
  ])('%s', (_name, change, expected) => {
    expect(monthlyRecurringRevenue({ ...monthly, ...change })).toBe(expected);
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    // 9e12 × 1e6 × 365 overflows a double's exact range; the result (÷ 12) is still exact.
    expect(monthlyRecurringRevenue({ ...monthly, unitAmount: 9_000_000_000_000, quantity: 1, interval: 'day' })).toBe(273_750_000_000_000);
  });
});
