import { AppConfig, APP_CONFIG } from '@billing/core';
import { Logger, Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';

/** Redis when REDIS_URL is set (shared by all api instances), else this process's memory. */
export const rateLimitStoreProvider: Provider<RateLimitStore> = {
  provide: RATE_LIMIT_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): RateLimitStore => {
    if (!config.redisUrl) return new MemoryRateLimitStore();
    // A request waits at most a second for its count; past that the limiter fails open (see RateLimiter).
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
    const logger = new Logger('RateLimitStore');
    // ioredis reports every failed reconnect; one line per outage is enough.
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) logger.warn(`Redis for rate limits unreachable: ${error.message}`);
      down = true;
    });
    redis.on('ready', () => {
      if (down) logger.log('Redis for rate limits reachable again');
      down = false;
    });
    return new RedisRateLimitStore(redis, config.queuePrefix);
  },
};
