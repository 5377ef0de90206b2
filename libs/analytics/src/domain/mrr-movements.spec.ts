import { BillableState, monthlyRecurringRevenue } from '@billing/subscriptions/domain';
import * as fc from 'fast-check';
import { AccountDay, DayFigures, emptyDay, netMovement, summarizeDay } from './mrr-movements';

/** USD 30.00 a month. */
const basic: BillableState = { unitAmount: 3000, quantity: 1, interval: 'month', intervalCount: 1, status: 'active' };
const mrr = (change: Partial<BillableState> = {}) => monthlyRecurringRevenue({ ...basic, ...change });

function day(accounts: Partial<AccountDay>[]): DayFigures[] {
  return summarizeDay(
    accounts.map((account, index) => ({
      accountId: `acct_${index}`,
      currency: 'USD',
      before: 0,
      after: 0,
      payingSubscriptions: account.after ? 1 : 0,
      madeMrrBefore: false,
      ...account,
    })),
  );
}

const usd = (figures: Partial<DayFigures>): DayFigures[] => [{ ...emptyDay('USD'), ...figures }];

describe('summarizeDay: movements classified per account', () => {
  it('new: the first MRR of an account', () => {
    expect(day([{ before: 0, after: mrr() }])).toEqual(usd({ mrr: 3000, new: 3000, activeSubscriptions: 1, activeAccounts: 1 }));
  });

  it('a trial that converts is new on the day it ends (a trial counts 0)', () => {
    expect(day([{ before: mrr({ status: 'trialing' }), after: mrr() }])).toEqual(
      usd({ mrr: 3000, new: 3000, activeSubscriptions: 1, activeAccounts: 1 }),
    );
  });

  it('upgrade with quantity: 1 × 30.00 to 2 × 90.00 is an expansion of 150.00', () => {
    expect(day([{ before: mrr(), after: mrr({ unitAmount: 9000, quantity: 2 }) }])).toEqual(
      usd({ mrr: 18_000, expansion: 15_000, activeSubscriptions: 1, activeAccounts: 1 }),
    );
  });

  it('downgrade with quantity: 2 × 90.00 to 3 × 30.00 is a contraction of 90.00', () => {
    expect(day([{ before: mrr({ unitAmount: 9000, quantity: 2 }), after: mrr({ quantity: 3 }) }])).toEqual(
      usd({ mrr: 9000, contraction: 9000, activeSubscriptions: 1, activeAccounts: 1 }),
    );
  });

  it('pause is churn; the resume is a reactivation', () => {
    expect(day([{ before: mrr(), after: mrr({ status: 'paused' }) }])).toEqual(usd({ churn: 3000, churnedAccounts: 1 }));
    expect(day([{ before: mrr({ status: 'paused' }), after: mrr(), madeMrrBefore: true }])).toEqual(
      usd({ mrr: 3000, reactivation: 3000, activeSubscriptions: 1, activeAccounts: 1 }),
    );
  });

  it('cancel at period end: nothing moves while it runs out, churn on the day it ends', () => {
    expect(day([{ before: mrr(), after: mrr() }])).toEqual(usd({ mrr: 3000, activeSubscriptions: 1, activeAccounts: 1 }));
    expect(day([{ before: mrr(), after: mrr({ status: 'canceled' }) }])).toEqual(usd({ churn: 3000, churnedAccounts: 1 }));
  });

  it('an immediate cancel and a dunning cancel are churn of all the account made', () => {
    expect(
      day([
        { before: mrr({ quantity: 2 }), after: mrr({ status: 'canceled' }) },
        { before: mrr({ status: 'past_due' }), after: mrr({ status: 'canceled' }) },
      ]),
    ).toEqual(usd({ churn: 9000, churnedAccounts: 2 }));
  });

  it('reactivation: an account that had churned subscribes again', () => {
    expect(day([{ before: 0, after: mrr({ unitAmount: 5000 }), madeMrrBefore: true }])).toEqual(
      usd({ mrr: 5000, reactivation: 5000, activeSubscriptions: 1, activeAccounts: 1 }),
    );
  });

  it('a plan swap inside one account (one ends, another starts) is expansion, not churn + new', () => {
    expect(day([{ before: mrr(), after: mrr({ unitAmount: 9000 }) }])).toEqual(
      usd({ mrr: 9000, expansion: 6000, activeSubscriptions: 1, activeAccounts: 1 }),
    );
  });

  it('yearly and weekly plans are normalised to a month: 1200.00 a year is 100.00, 10.00 a week is 43.33', () => {
    expect(
      day([{ after: mrr({ unitAmount: 120_000, interval: 'year' }) }, { after: mrr({ unitAmount: 1000, interval: 'week' }) }]),
    ).toEqual(usd({ mrr: 14_333, new: 14_333, activeSubscriptions: 2, activeAccounts: 2 }));
  });

  it('two currencies are kept apart', () => {
    expect(
      summarizeDay([
        { accountId: 'a', currency: 'USD', before: 0, after: 3000, payingSubscriptions: 1, madeMrrBefore: false },
        { accountId: 'b', currency: 'EUR', before: 2000, after: 0, payingSubscriptions: 0, madeMrrBefore: false },
      ]),
    ).toEqual([
      { ...emptyDay('EUR'), churn: 2000, churnedAccounts: 1 },
      { ...emptyDay('USD'), mrr: 3000, new: 3000, activeSubscriptions: 1, activeAccounts: 1 },
    ]);
  });

  it('mrr(d) = mrr(d−1) + new + expansion + reactivation − contraction − churn, every day (property)', () => {
    // Accounts' MRR over days, in two currencies; 0 often, so that accounts churn and come back.
    const trajectory = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })), { minLength: 2, maxLength: 12 });
    const accounts = fc.array(fc.record({ currency: fc.constantFrom('USD', 'EUR'), days: trajectory }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(accounts, (generated) => {
        const length = Math.min(...generated.map((account) => account.days.length));
        const previous = new Map<string, number>();
        for (let d = 1; d < length; d++) {
          const figures = summarizeDay(
            generated.map((account, index) => ({
              accountId: `acct_${index}`,
              currency: account.currency,
              before: account.days[d - 1],
              after: account.days[d],
              payingSubscriptions: account.days[d] > 0 ? 1 : 0,
              madeMrrBefore: account.days.slice(0, d).some((value) => value > 0),
            })),
          );
          for (const currency of ['USD', 'EUR']) {
            const today = figures.find((row) => row.currency === currency);
            const before = generated.filter((a) => a.currency === currency).reduce((sum, a) => sum + a.days[d - 1], 0);
            if (!today) continue;
            expect(today.mrr).toBe(before + netMovement(today));
            if (d > 1 && previous.has(currency)) expect(previous.get(currency)).toBe(before);
            previous.set(currency, today.mrr);
          }
        }
      }),
    );
  });
});
