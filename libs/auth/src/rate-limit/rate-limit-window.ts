export const RATE_LIMIT_WINDOW_MS = 60 * 60 * 1000;

/** A fixed window of wall time, [start, end) in epoch milliseconds. */
export interface RateLimitWindow {
  start: number;
  end: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again (at least 1). */
  resetSeconds: number;
}

/** The window that holds `nowMs`: windows start on multiples of their length (whole hours of UTC). */
export function fixedWindow(nowMs: number, lengthMs = RATE_LIMIT_WINDOW_MS): RateLimitWindow {
  const start = nowMs - (nowMs % lengthMs);
  return { start, end: start + lengthMs };
}

/** The verdict for the `count`-th request of the window (the count includes this request). */
export function rateLimitVerdict(count: number, limit: number, window: RateLimitWindow, nowMs: number): RateLimitVerdict {
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.max(1, Math.ceil((window.end - nowMs) / 1000)),
  };
}

/** The response headers of the IETF RateLimit header fields draft, as API.md names them. */
export function rateLimitHeaders(verdict: RateLimitVerdict): Record<string, string> {
  return {
    'RateLimit-Limit': String(verdict.limit),
    'RateLimit-Remaining': String(verdict.remaining),
    'RateLimit-Reset': String(verdict.resetSeconds),
  };
}
