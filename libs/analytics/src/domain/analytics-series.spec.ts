import { checkRange } from './analytics-range';
import { churnSeries, DailySnapshot, ltvSeries, mrrSeries } from './analytics-series';
import { decimalRatio } from './ratios';

function snapshot(date: string, figures: Partial<DailySnapshot>): DailySnapshot {
  return {
    date,
    mrr: 0,
    new: 0,
    expansion: 0,
    contraction: 0,
    churn: 0,
    reactivation: 0,
    activeSubscriptions: 0,
    activeAccounts: 0,
    churnedAccounts: 0,
    ...figures,
  };
}

describe('analytics series', () => {
  const rows = [
    snapshot('2027-01-30', { mrr: 10_000, activeAccounts: 4, activeSubscriptions: 4 }),
    snapshot('2027-01-31', { mrr: 12_000, new: 2000, activeAccounts: 5, activeSubscriptions: 5 }),
    snapshot('2027-02-01', { mrr: 11_000, churn: 3000, expansion: 2000, activeAccounts: 4, activeSubscriptions: 4, churnedAccounts: 1 }),
    snapshot('2027-02-02', { mrr: 10_500, contraction: 500, activeAccounts: 4, activeSubscriptions: 4 }),
  ];

  it("a month's row is its last day's MRR and the sum of its movements", () => {
    expect(mrrSeries(rows, '2027-01-31', '2027-02-02', 'month')).toEqual([
      {
        date: '2027-01-31',
        mrr: 12_000,
        new: 2000,
        expansion: 0,
        contraction: 0,
        churn: 0,
        reactivation: 0,
        activeSubscriptions: 5,
        activeAccounts: 5,
      },
      {
        date: '2027-02-02',
        mrr: 10_500,
        new: 0,
        expansion: 2000,
        contraction: 500,
        churn: 3000,
        reactivation: 0,
        activeSubscriptions: 4,
        activeAccounts: 4,
      },
    ]);
  });

  it('churn: logo = churned ÷ accounts at the start; revenue = (churn + contraction − expansion) ÷ MRR at the start', () => {
    expect(churnSeries(rows, '2027-02-01', '2027-02-02', 'month')).toEqual([
      // start = end of Jan 31: 5 accounts, 12 000; 1 churned; (3000 + 500 − 2000) / 12 000 = 0.125
      { periodStart: '2027-02-01', date: '2027-02-02', logoChurn: '0.2000', revenueChurn: '0.1250' },
    ]);
  });

  it('LTV = ARPA ÷ the monthly revenue churn averaged over 3 months; null when churn is 0', () => {
    const months = [
      snapshot('2027-01-01', { mrr: 10_000, activeAccounts: 10 }),
      snapshot('2027-02-01', { mrr: 10_000, churn: 1000, new: 1000, activeAccounts: 10 }), // Jan 1 → Feb 1: 10 %
      snapshot('2027-03-01', { mrr: 10_000, activeAccounts: 10 }), // Feb 1 → Mar 1: 0 %
      snapshot('2027-04-01', { mrr: 10_000, contraction: 500, expansion: 500, activeAccounts: 10 }), // 0 %
    ];
    // ARPA 1000; average (0.10 + 0 + 0) / 3 = 0.0333…; LTV = 1000 / (1/30) = 30 000
    expect(ltvSeries(months, '2027-04-01', '2027-04-01', 'day')).toEqual([
      { date: '2027-04-01', arpa: 1000, revenueChurn: '0.0333', ltv: 30_000 },
    ]);
    expect(ltvSeries(months, '2027-03-01', '2027-03-01', 'day')[0]).toMatchObject({ revenueChurn: '0.0500', ltv: 20_000 });
    const calm = months.map((row) => ({ ...row, churn: 0, new: 0 }));
    expect(ltvSeries(calm, '2027-04-01', '2027-04-01', 'day')[0]).toMatchObject({ arpa: 1000, revenueChurn: '0.0000', ltv: null });
  });

  it('ratios are exact decimal strings, half away from zero, null over 0', () => {
    expect(decimalRatio(1, 3)).toBe('0.3333');
    expect(decimalRatio(2, 3)).toBe('0.6667');
    expect(decimalRatio(-1, 8)).toBe('-0.1250');
    expect(decimalRatio(5, 0)).toBeNull();
  });

  it.each([
    [{ from: '2027-02-30', to: '2027-03-01' }, 'from'],
    [{ from: '2027-03-01', to: '2027-02-01' }, 'to'],
    [{ from: '2024-01-01', to: '2027-01-01' }, 'to'],
    [{ from: '2027-01-01', to: 'tomorrow' }, 'to'],
  ])('a bad range %j names the field %s', (range, field) => {
    expect(() => checkRange(range)).toThrow(expect.objectContaining({ kind: 'validation', errors: [expect.objectContaining({ field })] }));
  });

  it('3 years of days are accepted', () => {
    expect(checkRange({ from: '2024-01-01', to: '2026-12-31' })).toEqual({ from: '2024-01-01', to: '2026-12-31' });
  });
});
