import { SubscribedPlan, SubscribingAccount } from './subscribed-plan';
import { Subscription } from './subscription';

const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const account: SubscribingAccount = { id: 'acct_1', currency: 'USD', timeZone: 'UTC', billCycleDay: null };
const basic: SubscribedPlan = { id: 'plan_basic', code: 'basic', interval: 'month', intervalCount: 1, trialDays: 0, unitAmount: 3000 };
const pro: SubscribedPlan = { ...basic, id: 'plan_pro', code: 'pro', unitAmount: 9000 };
const yearly: SubscribedPlan = { ...basic, id: 'plan_year', code: 'year', interval: 'year', unitAmount: 30000 };

function started(plan = basic, at = '2026-04-01', extra: Partial<SubscribingAccount> = {}, trialDays?: number) {
  const subscription = Subscription.start({ account: { ...account, ...extra }, plan, quantity: 1, startAt: utc(at), trialDays }, utc(at));
  return subscription;
}

const billed = (subscription: Subscription) =>
  subscription
    .pullBillingEvents()
    .map((event) => [event.type, event.amount, event.periodStart.toISOString().slice(0, 10), event.periodEnd.toISOString().slice(0, 10)]);

describe(Subscription.name, () => {
  it('bills the first period in advance at the start', () => {
    const subscription = started();
    expect(subscription.snapshot()).toMatchObject({
      status: 'active',
      currentPeriodStart: utc('2026-04-01'),
      currentPeriodEnd: utc('2026-05-01'),
    });
    expect(billed(subscription)).toEqual([['period_started', 3000, '2026-04-01', '2026-05-01']]);
    expect(subscription.pullEvents().map((event) => event.type)).toEqual(['subscription.created']);
  });

  it('records the worked example upgrade: credit −2000 and charge +6000 on day 10 of 30', () => {
    const subscription = started();
    subscription.pullBillingEvents();
    subscription.change({ plan: pro, quantity: 1, timing: 'immediate', proration: 'prorate' }, utc('2026-04-11'));
    expect(billed(subscription)).toEqual([
      ['proration_credit', -2000, '2026-04-11', '2026-05-01'],
      ['proration_charge', 6000, '2026-04-11', '2026-05-01'],
      ['plan_changed', null, '2026-04-11', '2026-05-01'],
    ]);
    expect(subscription.snapshot()).toMatchObject({ plan: pro, currentPeriodEnd: utc('2026-05-01') });
  });

  it("bills nothing for an immediate change without proration, but closes the old plan's usage window", () => {
    const subscription = started();
    subscription.pullBillingEvents();
    subscription.change({ plan: pro, quantity: 2, timing: 'immediate', proration: 'none' }, utc('2026-04-11'));
    expect(billed(subscription)).toEqual([['plan_changed', null, '2026-04-11', '2026-05-01']]);
    expect(subscription.snapshot()).toMatchObject({ plan: pro, quantity: 2 });
  });

  it('refuses a change to the same plan and quantity (nothing_to_change) and records nothing', () => {
    const subscription = started();
    subscription.pullBillingEvents();
    for (const timing of ['immediate', 'end_of_period'] as const) {
      expect(() => subscription.change({ plan: basic, quantity: 1, timing, proration: 'prorate' }, utc('2026-04-11'))).toThrow(
        expect.objectContaining({ code: 'nothing_to_change' }),
      );
    }
    expect(billed(subscription)).toEqual([]);
  });

  it('records no plan change when only the quantity changes: the usage window goes on', () => {
    const subscription = started();
    subscription.pullBillingEvents();
    subscription.change({ plan: basic, quantity: 3, timing: 'immediate', proration: 'none' }, utc('2026-04-11'));
    expect(billed(subscription)).toEqual([]);
  });

  it('starts a new billing epoch whenever billing starts anew, so a restart at the same instant is a new fee', () => {
    const subscription = started(basic, '2026-04-01');
    subscription.pause('immediate', utc('2026-04-01'));
    subscription.resume(utc('2026-04-01'));
    const fees = subscription.pullBillingEvents().filter((event) => event.type === 'period_started');
    expect(fees.map((event) => [event.epoch, event.periodStart.toISOString().slice(0, 10)])).toEqual([
      [1, '2026-04-01'],
      [2, '2026-04-01'],
    ]);
  });

  it('renews a Jan 31 anchor through a leap February', () => {
    const subscription = started(basic, '2028-01-31');
    subscription.advance(utc('2028-04-01'));
    expect(billed(subscription)).toEqual([
      ['period_started', 3000, '2028-01-31', '2028-02-29'],
      ['period_started', 3000, '2028-02-29', '2028-03-31'],
      ['period_started', 3000, '2028-03-31', '2028-04-30'],
    ]);
  });

  it('catches up in bounded steps: at most maxBoundaries per call, the rest on the next, nothing crossed twice', () => {
    const daily: SubscribedPlan = { ...basic, id: 'plan_day', code: 'day', interval: 'day', unitAmount: 100 };
    const subscription = started(daily, '2026-04-01');
    subscription.pullBillingEvents();
    expect(subscription.advance(utc('2026-05-02'), 20)).toBe(true);
    const first = billed(subscription);
    expect(first).toHaveLength(20);
    expect(subscription.advance(utc('2026-05-02'), 20)).toBe(false);
    const rest = billed(subscription);
    expect(rest).toHaveLength(11);
    expect([...first, ...rest].map(([, , start]) => start)).toEqual(
      Array.from({ length: 31 }, (_, day) => new Date(Date.UTC(2026, 3, 2 + day)).toISOString().slice(0, 10)),
    );
    expect(subscription.snapshot().currentPeriodStart).toEqual(utc('2026-05-02'));
  });

  it('turns a 14-day trial active at its end, billing from then, after warning three days before', () => {
    const subscription = started(basic, '2026-04-01', {}, 14);
    expect(subscription.snapshot()).toMatchObject({ status: 'trialing', trialEnd: utc('2026-04-15'), currentPeriodEnd: utc('2026-04-15') });
    subscription.pullEvents();
    subscription.advance(utc('2026-04-12'));
    expect(subscription.pullEvents().map((event) => event.type)).toEqual(['subscription.trial_will_end']);
    subscription.advance(utc('2026-04-15'));
    expect(subscription.snapshot()).toMatchObject({
      status: 'active',
      currentPeriodStart: utc('2026-04-15'),
      currentPeriodEnd: utc('2026-05-15'),
    });
    expect(billed(subscription)).toEqual([
      ['trial_started', null, '2026-04-01', '2026-04-15'],
      ['trial_ended', null, '2026-04-15', '2026-04-15'],
      ['period_started', 3000, '2026-04-15', '2026-05-15'],
    ]);
  });

  it('shows an end-of-period downgrade as pending and applies it at renewal', () => {
    const subscription = started(pro);
    subscription.change({ plan: basic, quantity: 1, timing: 'end_of_period', proration: 'prorate' }, utc('2026-04-20'));
    expect(subscription.snapshot().pendingChange).toMatchObject({ plan: basic, effectiveAt: utc('2026-05-01') });
    subscription.pullBillingEvents();
    subscription.advance(utc('2026-05-01'));
    expect(billed(subscription)).toEqual([['period_started', 3000, '2026-05-01', '2026-06-01']]);
    expect(subscription.snapshot()).toMatchObject({ plan: basic, pendingChange: null });
  });

  it('starts a new full period on the change date when the interval changes', () => {
    const subscription = started();
    subscription.pullBillingEvents();
    subscription.change({ plan: yearly, quantity: 1, timing: 'immediate', proration: 'prorate' }, utc('2026-04-11'));
    expect(billed(subscription)).toEqual([
      ['proration_credit', -2000, '2026-04-11', '2026-05-01'],
      ['period_started', 30000, '2026-04-11', '2027-04-11'],
    ]);
  });

  it.each([
    [
      'immediate with proration credits the unused days and ends now',
      'immediate',
      'prorate',
      [
        ['proration_credit', -2000],
        ['canceled', null],
      ],
      'canceled',
    ],
    ['immediate without proration ends now, crediting nothing', 'immediate', 'none', [['canceled', null]], 'canceled'],
    ['at period end bills nothing now', 'end_of_period', 'prorate', [], 'active'],
  ] as const)('cancels %s', (_name, timing, proration, events, status) => {
    const subscription = started();
    subscription.pullBillingEvents();
    subscription.cancel(timing, proration, utc('2026-04-11'));
    expect(billed(subscription).map(([type, amount]) => [type, amount])).toEqual(events);
    expect(subscription.snapshot().status).toBe(status);
  });

  it('ends a subscription canceled at period end when the period ends, billing no new period', () => {
    const subscription = started();
    subscription.cancel('end_of_period', 'prorate', utc('2026-04-11'));
    subscription.pullBillingEvents();
    subscription.advance(utc('2026-06-01'));
    expect(billed(subscription)).toEqual([['canceled', null, '2026-05-01', '2026-05-01']]);
    expect(subscription.snapshot()).toMatchObject({ status: 'canceled', endedAt: utc('2026-05-01') });
  });

  it('pauses immediately crediting unused days, bills nothing while paused, and resumes on a new anchor', () => {
    const subscription = started();
    subscription.pullBillingEvents();
    subscription.pause('immediate', utc('2026-04-11'));
    subscription.advance(utc('2026-07-01'));
    expect(billed(subscription)).toEqual([
      ['proration_credit', -2000, '2026-04-11', '2026-05-01'],
      ['paused', null, '2026-04-11', '2026-04-11'],
    ]);
    subscription.resume(utc('2026-07-10'));
    expect(billed(subscription)).toEqual([
      ['resumed', null, '2026-07-10', '2026-07-10'],
      ['period_started', 3000, '2026-07-10', '2026-08-10'],
    ]);
    expect(subscription.snapshot().status).toBe('active');
  });

  it('bills a prorated stub up to the account bill cycle day, then full periods on that day', () => {
    const subscription = started(basic, '2026-04-11', { billCycleDay: 1 });
    subscription.advance(utc('2026-05-01'));
    expect(billed(subscription)).toEqual([
      ['period_started', 2000, '2026-04-11', '2026-05-01'],
      ['period_started', 3000, '2026-05-01', '2026-06-01'],
    ]);
  });

  it.each([
    [
      'change a canceled subscription',
      (s: Subscription) => s.change({ plan: pro, quantity: 1, timing: 'immediate', proration: 'prorate' }, utc('2026-04-12')),
    ],
    ['cancel it again', (s: Subscription) => s.cancel('immediate', 'none', utc('2026-04-12'))],
    ['pause it', (s: Subscription) => s.pause('immediate', utc('2026-04-12'))],
    ['resume it', (s: Subscription) => s.resume(utc('2026-04-12'))],
  ])('refuses to %s with invalid_state', (_name, act) => {
    const subscription = started();
    subscription.cancel('immediate', 'none', utc('2026-04-11'));
    expect(() => act(subscription)).toThrow(expect.objectContaining({ code: 'invalid_state' }));
  });

  it('refuses a start in the past', () => {
    expect(() => Subscription.start({ account, plan: basic, quantity: 1, startAt: utc('2026-04-01') }, utc('2026-04-02'))).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('prices JPY and KWD fees in their minor units', () => {
    const jpy = Subscription.start(
      { account: { ...account, currency: 'JPY' }, plan: { ...basic, unitAmount: 1200 }, quantity: 3, startAt: utc('2026-04-01') },
      utc('2026-04-01'),
    );
    expect(jpy.pullBillingEvents()[0]).toMatchObject({ amount: 3600, currency: 'JPY' });
    const kwd = Subscription.start(
      { account: { ...account, currency: 'KWD' }, plan: { ...basic, unitAmount: 12500 }, quantity: 1, startAt: utc('2026-04-01') },
      utc('2026-04-01'),
    );
    kwd.pullBillingEvents();
    kwd.change(
      { plan: { ...basic, id: 'plan_small', unitAmount: 3333 }, quantity: 1, timing: 'immediate', proration: 'prorate' },
      utc('2026-04-11'),
    );
    expect(kwd.pullBillingEvents().map((event) => event.amount)).toEqual([-8333, 2222, null]);
  });

  describe('under dunning', () => {
    it('turns past_due and back, with subscription.updated, and keeps renewing while past_due', () => {
      const subscription = started();
      subscription.pullEvents();
      subscription.markPastDue(utc('2026-04-02'));
      expect(subscription.snapshot().status).toBe('past_due');
      subscription.advance(utc('2026-05-01'));
      expect(billed(subscription)).toEqual([
        ['period_started', 3000, '2026-04-01', '2026-05-01'],
        ['period_started', 3000, '2026-05-01', '2026-06-01'],
      ]);
      subscription.clearPastDue(utc('2026-05-02'));
      expect(subscription.snapshot().status).toBe('active');
      expect(subscription.pullEvents().map((event) => event.type)).toEqual(['subscription.updated', 'subscription.updated']);
    });

    it('blocks by pausing at once with the unused days credited, and resumes on a new anchor: no day billed twice', () => {
      const subscription = started();
      subscription.pullBillingEvents();
      subscription.blockForDunning(utc('2026-04-11'));
      expect(subscription.snapshot()).toMatchObject({ status: 'paused', pausedByDunning: true });
      subscription.advance(utc('2026-05-20'));
      subscription.resumeAfterDunning(utc('2026-05-20'));
      expect(subscription.snapshot()).toMatchObject({ status: 'active', pausedByDunning: false, currentPeriodStart: utc('2026-05-20') });
      expect(billed(subscription)).toEqual([
        ['proration_credit', -2000, '2026-04-11', '2026-05-01'],
        ['paused', null, '2026-04-11', '2026-04-11'],
        ['resumed', null, '2026-05-20', '2026-05-20'],
        ['period_started', 3000, '2026-05-20', '2026-06-20'],
      ]);
    });

    it("leaves a person's pause alone: a block does not take it over and a recovery does not resume it", () => {
      const subscription = started();
      subscription.pause('immediate', utc('2026-04-11'));
      subscription.blockForDunning(utc('2026-04-15'));
      subscription.resumeAfterDunning(utc('2026-04-20'));
      expect(subscription.snapshot()).toMatchObject({ status: 'paused', pausedByDunning: false, pausedAt: utc('2026-04-11') });
    });

    it('does not block a trial, and a dunning cancel ends any subscription without crediting', () => {
      const trial = started(basic, '2026-04-01', {}, 14);
      trial.blockForDunning(utc('2026-04-05'));
      expect(trial.snapshot().status).toBe('trialing');

      const subscription = started();
      subscription.pullBillingEvents();
      subscription.cancelForDunning(utc('2026-04-11'));
      expect(subscription.snapshot().status).toBe('canceled');
      expect(billed(subscription)).toEqual([['canceled', null, '2026-04-11', '2026-04-11']]);
    });
  });
});
