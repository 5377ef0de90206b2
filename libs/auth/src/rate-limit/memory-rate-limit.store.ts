import { RateLimitWindow } from './rate-limit-window';
import { RateLimitStore } from './rate-limit.store';

/**
 * Counters in this process, for deployments without Redis. Each api instance counts on its own, so with
 * N instances behind a load balancer a credential may make up to N times its limit.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counts = new Map<string, { windowEnd: number; count: number }>();
  private currentWindowEnd = 0;

  async increment(key: string, window: RateLimitWindow): Promise<number> {
    if (window.end > this.currentWindowEnd) this.forgetWindowsBefore(window.end);
    const entry = this.counts.get(key);
    const count = entry?.windowEnd === window.end ? entry.count + 1 : 1;
    this.counts.set(key, { windowEnd: window.end, count });
    return count;
  }

  async count(key: string, window: RateLimitWindow): Promise<number> {
    const entry = this.counts.get(key);
    return entry?.windowEnd === window.end ? entry.count : 0;
  }

  /** Once per window, so the map holds only the credentials seen in the current hour. */
  private forgetWindowsBefore(windowEnd: number) {
    for (const [key, entry] of this.counts) if (entry.windowEnd < windowEnd) this.counts.delete(key);
    this.currentWindowEnd = windowEnd;
  }
}
