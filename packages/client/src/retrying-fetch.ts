export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** The first backoff when the answer has no `Retry-After`, doubled each retry with jitter (default 500 ms). */
  baseDelayMs?: number;
  /** The longest wait, `Retry-After` included (default 30 s). */
  maxDelayMs?: number;
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * A fetch that gives every POST an `Idempotency-Key` (unless the caller set one) and retries 429 and 5xx
 * answers and network errors, waiting as `Retry-After` says: the same key on every attempt makes the retry of a
 * POST safe (the API replays the first answer rather than acting twice).
 */
export function retryingFetch(fetcher: (request: Request) => Promise<Response>, options: RetryOptions = {}) {
  const { retries = 2, baseDelayMs = 500, maxDelayMs = 30_000 } = options;
  return async (request: Request): Promise<Response> => {
    if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', crypto.randomUUID());
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries;
      let response: Response;
      try {
        response = await fetcher(last ? request : request.clone());
      } catch (error) {
        if (last) throw error;
        await sleep(backoff(attempt, baseDelayMs, maxDelayMs));
        continue;
      }
      if (last || !RETRIED_STATUSES.has(response.status)) return response;
      const wait = retryAfterMs(response.headers.get('Retry-After')) ?? backoff(attempt, baseDelayMs, maxDelayMs);
      await response.body?.cancel();
      await sleep(Math.min(wait, maxDelayMs));
    }
  };
}

/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoff(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2));
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
