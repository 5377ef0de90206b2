import fc from 'fast-check';
import { fixedWindow, RATE_LIMIT_WINDOW_MS, rateLimitHeaders, rateLimitVerdict } from './rate-limit-window';

const at = (iso: string) => Date.parse(iso);

describe(fixedWindow.name, () => {
  it.each([
    ['the first instant of an hour', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z'],
    ['the middle of an hour', '2026-03-01T10:29:59.123Z', '2026-03-01T10:00:00.000Z'],
    ['the last millisecond of an hour', '2026-03-01T10:59:59.999Z', '2026-03-01T10:00:00.000Z'],
    ['midnight of a new year', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('puts %s in the hour that starts at %s', (_, now, start) => {
    expect(fixedWindow(at(now))).toEqual({ start: at(start), end: at(start) + RATE_LIMIT_WINDOW_MS });
  });

  it('holds every instant, in a window of the given length whose start is a multiple of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: 1, max: 86_400_000 }), (now, length) => {
        const window = fixedWindow(now, length);
        expect(window.start % length).toBe(0);
        expect(window.end - window.start).toBe(length);
        expect(window.start <= now && now < window.end).toBe(true);
      }),
    );
  });
});

describe(rateLimitVerdict.name, () => {
  const window = fixedWindow(at('2026-03-01T10:00:00.000Z'));

  it.each([
    [1, 5, true, 4],
    [4, 5, true, 1],
    [5, 5, true, 0],
    [6, 5, false, 0],
    [60, 5, false, 0],
  ])('request %i of a limit of %i: allowed %s, %i remaining', (count, limit, allowed, remaining) => {
    expect(rateLimitVerdict(count, limit, window, window.start)).toMatchObject({ allowed, limit, remaining });
  });

  it.each([
    ['the start of the window', '2026-03-01T10:00:00.000Z', 3600],
    ['half a second in', '2026-03-01T10:00:00.500Z', 3600],
    ['a second in', '2026-03-01T10:00:01.000Z', 3599],
    ['half an hour in', '2026-03-01T10:30:00.000Z', 1800],
    ['the last millisecond', '2026-03-01T10:59:59.999Z', 1],
  ])('resets, seen from %s, in %i seconds (rounded up, never 0)', (_, now, seconds) => {
    expect(rateLimitVerdict(1, 5, window, at(now)).resetSeconds).toBe(seconds);
  });
});

describe(rateLimitHeaders.name, () => {
  it('names the limit, what remains and the seconds until the reset', () => {
    expect(rateLimitHeaders({ allowed: true, limit: 1000, remaining: 997, resetSeconds: 42 })).toEqual({
      'RateLimit-Limit': '1000',
      'RateLimit-Remaining': '997',
      'RateLimit-Reset': '42',
    });
  });
});
