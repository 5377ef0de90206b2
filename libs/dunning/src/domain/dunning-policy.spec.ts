import fc from 'fast-check';
import { DunningPolicy, dunningPolicyErrors, escalation, overdueStateAt, retriesDueBy } from './dunning-policy';

const due = new Date('2027-03-01T00:00:00Z');
const at = (days: number, hours = 0) => new Date(due.getTime() + days * 86_400_000 + hours * 3_600_000);
const policy: DunningPolicy = {
  retryScheduleDays: [1, 3],
  steps: [
    { afterDays: 5, action: 'notify' },
    { afterDays: 10, action: 'block' },
    { afterDays: 20, action: 'cancel' },
  ],
};

describe('dunningPolicyErrors', () => {
  it('accepts the default and the empty policy', () => {
    expect(dunningPolicyErrors(policy)).toEqual([]);
    expect(dunningPolicyErrors({ retryScheduleDays: [], steps: [] })).toEqual([]);
  });

  it.each<[string, DunningPolicy, string[]]>([
    ['retry days out of order', { retryScheduleDays: [3, 1], steps: [] }, ['retry_schedule_days[1]']],
    ['a retry day twice', { retryScheduleDays: [2, 2], steps: [] }, ['retry_schedule_days[1]']],
    ['a retry beyond 365 days', { retryScheduleDays: [366], steps: [] }, ['retry_schedule_days[0]']],
    ['a negative retry day', { retryScheduleDays: [-1], steps: [] }, ['retry_schedule_days[0]']],
    ['eleven retries', { retryScheduleDays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], steps: [] }, ['retry_schedule_days']],
    [
      'steps out of order',
      {
        retryScheduleDays: [],
        steps: [
          { afterDays: 9, action: 'notify' },
          { afterDays: 5, action: 'block' },
        ],
      },
      ['steps[1].after_days'],
    ],
    [
      'an action twice',
      {
        retryScheduleDays: [],
        steps: [
          { afterDays: 1, action: 'notify' },
          { afterDays: 2, action: 'notify' },
        ],
      },
      ['steps[1].action'],
    ],
    [
      'cancel before block',
      {
        retryScheduleDays: [],
        steps: [
          { afterDays: 5, action: 'cancel' },
          { afterDays: 9, action: 'block' },
        ],
      },
      ['steps[0].action'],
    ],
  ])('refuses %s, naming the field', (_case, input, fields) => {
    expect(dunningPolicyErrors(input).map((error) => error.field)).toEqual(fields);
  });
});

describe('retriesDueBy', () => {
  it.each([
    [at(0), 0],
    [at(0, 23), 0],
    [at(1), 1],
    [at(2, 23), 1],
    [at(3), 2],
    [at(90), 2],
  ])('at %s, %i retries are due', (now, count) => {
    expect(retriesDueBy(policy, due, now)).toBe(count);
  });
});

describe('overdueStateAt and escalation', () => {
  it.each([
    [at(4, 23), 'ok'],
    [at(5), 'warning'],
    [at(10), 'blocked'],
    [at(19), 'blocked'],
    [at(20), 'cancelled'],
  ] as const)('at %s the account is due for %s', (now, state) => {
    expect(overdueStateAt(policy, due, now)).toBe(state);
  });

  it('jumps to the furthest step reached after a long pause of the clock, and never moves back', () => {
    expect(escalation('ok', overdueStateAt(policy, due, at(25)))).toBe('cancelled');
    expect(escalation('blocked', 'warning')).toBeNull();
    expect(escalation('blocked', 'blocked')).toBeNull();
    expect(escalation('warning', 'blocked')).toBe('blocked');
  });

  it('reaches a state no earlier than its step and never beyond the furthest step reached (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 24 }), (hours) => {
        const state = overdueStateAt(policy, due, at(0, hours));
        const days = hours / 24;
        const expected = days >= 20 ? 'cancelled' : days >= 10 ? 'blocked' : days >= 5 ? 'warning' : 'ok';
        expect(state).toBe(expected);
      }),
    );
  });
});
