import type { Tier } from '@billing/catalog/domain';
import { lateUsage } from './late-usage';
import { ratePrice } from './rating';

const TIERS: Tier[] = [
  { upTo: 100, unitAmount: '0', flatAmount: 0 },
  { upTo: 1000, unitAmount: '0.5', flatAmount: 0 },
  { upTo: null, unitAmount: '0.2', flatAmount: 0 },
];
const graduated = (quantity: string) => ratePrice('graduated', { currency: 'USD', tiers: TIERS }, quantity);
const volume = (quantity: string) => ratePrice('volume', { currency: 'USD', tiers: TIERS }, quantity);

describe(lateUsage.name, () => {
  it('bills late events at the tier the period has reached, not from the free tier again', () => {
    // 1500 billed 550; 100 more: 1600 → 570, so the late line is 20 (100 × 0.2), not 0 (100 in the free tier).
    expect(lateUsage('count', graduated('1600'), { quantity: '1500', amount: 550 })).toEqual({
      quantity: '100',
      amount: 20,
      unitAmount: '0.35625',
      description: expect.stringMatching(/^1600 units \(graduated\).*, less 1500 already billed \(USD 5\.50\)$/),
    });
  });

  it('keeps the lines of a period adding up to the rating of all its events, whatever the arrival order', () => {
    let billed = { quantity: '0', amount: 0 };
    let total = 0;
    for (const quantity of ['40', '99', '101', '733', '1000', '1001', '1777']) {
      const line = lateUsage('count', graduated(quantity), billed);
      total += line?.amount ?? 0;
      billed = { quantity, amount: graduated(quantity).amount };
    }
    expect(total).toBe(graduated('1777').amount);
  });

  it('may credit: a volume total crossing into a cheaper tier bills less than before', () => {
    expect(lateUsage('count', volume('1001'), { quantity: '1000', amount: 500 })).toMatchObject({ quantity: '1', amount: -300 });
  });

  it('shows the new quantity for aggregations that do not add up', () => {
    expect(
      lateUsage('max', ratePrice('per_unit', { currency: 'USD', unitAmount: '100' }, '9'), { quantity: '7', amount: 700 }),
    ).toMatchObject({
      quantity: '9',
      amount: 200,
    });
  });

  it('is null when the amount did not change', () => {
    expect(lateUsage('count', graduated('90'), { quantity: '50', amount: 0 })).toBeNull();
  });
});
