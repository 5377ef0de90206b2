import {
  AttemptOutcome,
  decideAfterAttempt,
  DISABLE_AFTER_FAILING_MS,
  failingSinceAfter,
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  retryAfterMs,
  retryDelayMs,
} from './retry-schedule';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The middle of the jitter range: no jitter at all. */
const noJitter = () => 0.5;
const NOW = new Date('2027-03-01T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const response = (status: number, retryAfter: string | null = null): AttemptOutcome => ({ kind: 'response', status, retryAfter });

describe(retryDelayMs.name, () => {
  it.each<[number, number | null]>([
    [1, 5 * SECOND],
    [2, 5 * MINUTE],
    [3, 30 * MINUTE],
    [4, 2 * HOUR],
    [5, 5 * HOUR],
    [6, 10 * HOUR],
    [7, 14 * HOUR],
    [8, 20 * HOUR],
    [9, 20 * HOUR],
    [10, null],
    [11, null],
  ])('after attempt %i fails: %p ms', (attempt, delay) => {
    expect(retryDelayMs(attempt, noJitter)).toBe(delay);
  });

  it('retries for about three days in all: 10 attempts over 71 h 35 min 5 s, ±10 % with jitter', () => {
    const total = (random: () => number) =>
      Array.from({ length: MAX_ATTEMPTS - 1 }, (_, n) => retryDelayMs(n + 1, random) as number).reduce((sum, delay) => sum + delay, 0);
    expect(MAX_ATTEMPTS).toBe(10);
    expect(total(noJitter)).toBe(71 * HOUR + 35 * MINUTE + 5 * SECOND);
    expect(total(noJitter) / DAY).toBeCloseTo(3, 1);
    expect(total(() => 0)).toBe(Math.round(0.9 * total(noJitter)));
    expect(total(() => 0.999999)).toBeCloseTo(1.1 * total(noJitter), -3);
  });

  it('moves each delay by up to 10 % either way', () => {
    expect(retryDelayMs(4, () => 0)).toBe(1.8 * HOUR);
    expect(retryDelayMs(4, () => 0.25)).toBe(1.9 * HOUR);
    expect(retryDelayMs(4, () => 0.75)).toBe(2.1 * HOUR);
  });

  it('counts attempts from 1', () => {
    expect(() => retryDelayMs(0)).toThrow(/from 1/);
    expect(() => retryDelayMs(1.5)).toThrow(/from 1/);
  });

  it('has a delay for every attempt but the last', () => {
    expect(RETRY_DELAYS_MS).toHaveLength(MAX_ATTEMPTS - 1);
  });
});

describe(decideAfterAttempt.name, () => {
  const first = { attempt: 1, at: NOW, failingSince: null, random: noJitter };

  it.each<[string, AttemptOutcome, ReturnType<typeof decideAfterAttempt>]>([
    ['200', response(200), { action: 'delivered' }],
    ['204', response(204), { action: 'delivered' }],
    ['299', response(299), { action: 'delivered' }],
    ['410 disables the endpoint at once', response(410), { action: 'disable_endpoint', reason: 'gone' }],
    ['500', response(500), { action: 'retry', at: later(5 * SECOND) }],
    ['a redirect (not followed)', response(302), { action: 'retry', at: later(5 * SECOND) }],
    ['304', response(304), { action: 'retry', at: later(5 * SECOND) }],
    ['100', response(100), { action: 'retry', at: later(5 * SECOND) }],
    ['404', response(404), { action: 'retry', at: later(5 * SECOND) }],
    ['a timeout or network error', { kind: 'network_error' }, { action: 'retry', at: later(5 * SECOND) }],
    ['a URL refused at delivery', { kind: 'refused' }, { action: 'retry', at: later(5 * SECOND) }],
    ['429 with Retry-After in seconds', response(429, '120'), { action: 'retry', at: later(120 * SECOND) }],
    ['503 with Retry-After as a date', response(503, 'Mon, 01 Mar 2027 13:00:00 GMT'), { action: 'retry', at: later(HOUR) }],
    ['429 asking for weeks: capped at a day', response(429, String(30 * 24 * 3600)), { action: 'retry', at: later(DAY) }],
    ['429 with an unreadable Retry-After', response(429, 'soon'), { action: 'retry', at: later(5 * SECOND) }],
    ['500 with Retry-After (not honoured)', response(500, '120'), { action: 'retry', at: later(5 * SECOND) }],
  ])('first attempt, %s', (_, outcome, decision) => {
    expect(decideAfterAttempt(outcome, first)).toEqual(decision);
  });

  it('never retries sooner than the schedule, whatever Retry-After says', () => {
    expect(decideAfterAttempt(response(429, '0'), { ...first, attempt: 2 })).toEqual({ action: 'retry', at: later(5 * MINUTE) });
    expect(decideAfterAttempt(response(503, '60'), { ...first, attempt: 2 })).toEqual({ action: 'retry', at: later(5 * MINUTE) });
  });

  it('gives up on the message after the tenth attempt', () => {
    expect(decideAfterAttempt(response(500), { ...first, attempt: 9 })).toEqual({ action: 'retry', at: later(20 * HOUR) });
    expect(decideAfterAttempt(response(500), { ...first, attempt: 10 })).toEqual({ action: 'give_up' });
    expect(decideAfterAttempt(response(429, '60'), { ...first, attempt: 10 })).toEqual({ action: 'give_up' });
    expect(decideAfterAttempt(response(200), { ...first, attempt: 10 })).toEqual({ action: 'delivered' });
  });

  it('disables an endpoint whose every attempt failed for 5 days', () => {
    const failingFor = (ms: number) => ({ ...first, attempt: 3, failingSince: new Date(NOW.getTime() - ms) });
    expect(decideAfterAttempt(response(500), failingFor(DISABLE_AFTER_FAILING_MS - 1))).toEqual({
      action: 'retry',
      at: later(30 * MINUTE),
    });
    expect(decideAfterAttempt({ kind: 'network_error' }, failingFor(DISABLE_AFTER_FAILING_MS))).toEqual({
      action: 'disable_endpoint',
      reason: 'failing',
    });
    expect(decideAfterAttempt(response(200), failingFor(6 * DAY))).toEqual({ action: 'delivered' });
  });
});

describe(failingSinceAfter.name, () => {
  const before = new Date('2027-02-27T00:00:00Z');

  it.each<[string, Date | null, AttemptOutcome, Date | null]>([
    ['a first failure starts the streak', null, response(500), NOW],
    ['a further failure keeps its start', before, { kind: 'network_error' }, before],
    ['a success ends it', before, response(200), null],
    ['a success after successes', null, response(201), null],
  ])('%s', (_, failingSince, outcome, expected) => {
    expect(failingSinceAfter(failingSince, outcome, NOW)).toEqual(expected);
  });
});

describe(retryAfterMs.name, () => {
  it.each<[string | null, number | null]>([
    [null, null],
    ['120', 120 * SECOND],
    [' 120 ', 120 * SECOND],
    ['0', 0],
    ['Mon, 01 Mar 2027 12:30:00 GMT', 30 * MINUTE],
    ['Monday, 01-Mar-27 12:30:00 GMT', 30 * MINUTE],
    ['Sun, 28 Feb 2027 12:00:00 GMT', 0],
    ['99999999999999999999', DAY],
    ['Fri, 01 Mar 2030 12:00:00 GMT', DAY],
    ['1.5', null],
    ['-5', null],
    ['soon', null],
    ['', null],
    ['2027-03-01T12:30:00Z', null],
    ['Mon Mar  1 12:30:00 2027', null],
    ['Mon, 99 Mar 2027 12:30:00 GMT', null],
  ])('%p → %p', (header, expected) => {
    expect(retryAfterMs(header, NOW)).toBe(expected);
  });
});
