import { RateLimitWindow } from './rate-limit-window';

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** Counts requests per key and window. */
export interface RateLimitStore {
  /** Adds one request to the key's count in the window and answers the new count. */
  increment(key: string, window: RateLimitWindow): Promise<number>;
  /** The key's count in the window, unchanged. */
  count(key: string, window: RateLimitWindow): Promise<number>;
}
