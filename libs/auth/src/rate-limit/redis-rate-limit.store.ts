import { OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimitWindow } from './rate-limit-window';
import { RateLimitStore } from './rate-limit.store';

const UNREACHABLE = ['reconnecting', 'close', 'end'];

/**
 * Counters in Redis, shared by every api instance. One key per credential and window (its start in the key),
 * incremented and given an absolute expiry at the window's end in one MULTI, so no key is ever left without
 * an expiry. Windows follow each instance's wall clock: skew between instances only moves a boundary by as much.
 */
export class RedisRateLimitStore implements RateLimitStore, OnModuleDestroy {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async increment(key: string, window: RateLimitWindow): Promise<number> {
    this.assertReachable();
    const redisKey = this.redisKey(key, window);
    const replies = await this.redis.multi().incr(redisKey).pexpireat(redisKey, window.end).exec();
    const [error, count] = replies?.[0] ?? [new Error('Redis discarded the rate-limit transaction'), null];
    if (error) throw error;
    return Number(count);
  }

  async count(key: string, window: RateLimitWindow): Promise<number> {
    this.assertReachable();
    return Number((await this.redis.get(this.redisKey(key, window))) ?? 0);
  }

  async onModuleDestroy() {
    await this.redis.quit();
  }

  private redisKey(key: string, window: RateLimitWindow): string {
    return `${this.keyPrefix}:rate-limit:${key}:${window.start}`;
  }

  /** While ioredis reconnects it would hold a command through its backoff; the limiter fails open at once instead. */
  private assertReachable() {
    if (UNREACHABLE.includes(this.redis.status)) throw new Error(`Redis connection is ${this.redis.status}`);
  }
}
