import { ACCEPTANCE_WINDOW, oldestAcceptedTimestamp, resolveTarget, timestampProblem, UsageTarget } from './acceptance';

const now = new Date('2027-03-15T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe(timestampProblem.name, () => {
  it.each([
    ['now', '2027-03-15T12:00:00Z', null],
    ['5 minutes ahead (clock skew)', '2027-03-15T12:05:00Z', null],
    ['a millisecond beyond 5 minutes ahead', '2027-03-15T12:05:00.001Z', /more than 5 minutes after the billing clock/],
    ['35 days back', '2027-02-08T12:00:00Z', null],
    ['a millisecond more than 35 days back', '2027-02-08T11:59:59.999Z', /more than 35 days before the billing clock/],
  ] as [string, string, RegExp | null][])('%s', (_, timestamp, expected) => {
    const problem = timestampProblem(at(timestamp), now);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('names the window it applies', () => {
    expect(ACCEPTANCE_WINDOW).toEqual({ pastDays: 35, futureMinutes: 5 });
    expect(oldestAcceptedTimestamp(now)).toEqual(at('2027-02-08T12:00:00Z'));
  });
});

describe(resolveTarget.name, () => {
  const target = (
    id: string,
    accountId: string,
    metrics: string[],
    createdAt = '2027-03-01T00:00:00Z',
    endedAt: string | null = null,
  ): UsageTarget => ({
    id,
    accountId,
    createdAt: at(createdAt),
    endedAt: endedAt ? at(endedAt) : null,
    chargedMetrics: new Set(metrics),
  });
  const index = (targets: UsageTarget[]) => ({
    byId: new Map(targets.map((t) => [t.id, t])),
    byAccount: targets.reduce((map, t) => map.set(t.accountId, [...(map.get(t.accountId) ?? []), t]), new Map<string, UsageTarget[]>()),
  });
  const resolve = (targets: UsageTarget[], event: Parameters<typeof resolveTarget>[0]) => {
    const { byId, byAccount } = index(targets);
    return resolveTarget(event, byId, byAccount);
  };
  const when = at('2027-03-10T00:00:00Z');

  it('takes a subscription_id that exists and charges the metric, within its life', () => {
    const subscriptions = [target('sub_a', 'acct_1', ['calls'], '2027-03-01T00:00:00Z', '2027-03-12T00:00:00Z')];
    expect(resolve(subscriptions, { subscriptionId: 'sub_a', metricCode: 'calls', timestamp: when })).toEqual({
      ok: true,
      subscriptionId: 'sub_a',
    });
    expect(resolve(subscriptions, { subscriptionId: 'sub_x', metricCode: 'calls', timestamp: when })).toMatchObject({
      ok: false,
      field: 'subscription_id',
    });
    expect(resolve(subscriptions, { subscriptionId: 'sub_a', metricCode: 'bytes', timestamp: when })).toMatchObject({
      ok: false,
      field: 'metric_code',
    });
    expect(resolve(subscriptions, { subscriptionId: 'sub_a', metricCode: 'calls', timestamp: at('2027-02-28T23:59:59Z') })).toMatchObject({
      ok: false,
      field: 'timestamp',
    });
    expect(resolve(subscriptions, { subscriptionId: 'sub_a', metricCode: 'calls', timestamp: at('2027-03-12T00:00:00Z') })).toMatchObject({
      ok: false,
      field: 'timestamp',
    });
  });

  it("resolves account_id to the one subscription charging the metric, alive at the event's time", () => {
    const subscriptions = [
      target('sub_calls', 'acct_1', ['calls']),
      target('sub_bytes', 'acct_1', ['bytes']),
      // An earlier subscription to the same metric, ended before the event: not a candidate.
      target('sub_old', 'acct_1', ['calls'], '2027-01-01T00:00:00Z', '2027-03-01T00:00:00Z'),
    ];
    expect(resolve(subscriptions, { accountId: 'acct_1', metricCode: 'calls', timestamp: when })).toEqual({
      ok: true,
      subscriptionId: 'sub_calls',
    });
    expect(resolve(subscriptions, { accountId: 'acct_1', metricCode: 'bytes', timestamp: when })).toEqual({
      ok: true,
      subscriptionId: 'sub_bytes',
    });
    expect(resolve(subscriptions, { accountId: 'acct_1', metricCode: 'calls', timestamp: at('2027-02-01T00:00:00Z') })).toEqual({
      ok: true,
      subscriptionId: 'sub_old',
    });
    expect(resolve(subscriptions, { accountId: 'acct_1', metricCode: 'seats', timestamp: when })).toMatchObject({
      ok: false,
      field: 'account_id',
    });
    expect(resolve(subscriptions, { accountId: 'acct_2', metricCode: 'calls', timestamp: when })).toMatchObject({
      ok: false,
      field: 'account_id',
    });
  });

  it('refuses an account with two subscriptions charging the metric, naming them', () => {
    const subscriptions = [target('sub_2', 'acct_1', ['calls']), target('sub_1', 'acct_1', ['calls'])];
    expect(resolve(subscriptions, { accountId: 'acct_1', metricCode: 'calls', timestamp: when })).toEqual({
      ok: false,
      field: 'account_id',
      message: 'account acct_1 has 2 subscriptions charging metric calls (sub_1, sub_2): send subscription_id instead',
    });
  });
});
