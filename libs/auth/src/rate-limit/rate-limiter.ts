import { AppConfig, APP_CONFIG } from '@billing/core';
import { Actor } from '@billing/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { fixedWindow, RateLimitVerdict, rateLimitVerdict } from './rate-limit-window';
import { RateLimitBucket } from './rate-limit.decorator';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit.store';

const WARNING_INTERVAL_MS = 60_000;

/**
 * Counts a credential's requests per bucket in fixed one-hour windows of wall time (never the test clock).
 * When the counters cannot be reached, both methods answer null: the limit fails open, because it protects
 * capacity, and refusing every call while Redis is down would turn a counter outage into an API outage.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private readonly limits: Record<RateLimitBucket, number>;
  private lastWarningAt = 0;

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = { api: config.rateLimitPerHour, usage: config.usageRateLimitPerHour };
  }

  /** Counts this request and answers the verdict. */
  consume(actor: Actor, bucket: RateLimitBucket): Promise<RateLimitVerdict | null> {
    return this.verdict(actor, bucket, (key, window) => this.store.increment(key, window));
  }

  /** The state of the credential's window without counting this request (for answers that are not counted). */
  peek(actor: Actor, bucket: RateLimitBucket): Promise<RateLimitVerdict | null> {
    return this.verdict(actor, bucket, (key, window) => this.store.count(key, window));
  }

  private async verdict(actor: Actor, bucket: RateLimitBucket, read: RateLimitStore['count']): Promise<RateLimitVerdict | null> {
    const now = Date.now();
    const window = fixedWindow(now);
    try {
      const count = await read(`${bucket}:${actor.type}:${actor.id}`, window);
      return rateLimitVerdict(count, this.limits[bucket], window, now);
    } catch (error) {
      if (now - this.lastWarningAt >= WARNING_INTERVAL_MS) {
        this.lastWarningAt = now;
        this.logger.warn(
          `Rate limits not enforced, the counters are unreachable: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return null;
    }
  }
}
