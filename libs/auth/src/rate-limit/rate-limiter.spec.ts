import { loadConfig } from '@billing/core';
import { Actor } from '@billing/kernel';
import { Logger } from '@nestjs/common';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RateLimiter } from './rate-limiter';
import { RateLimitStore } from './rate-limit.store';

const config = loadConfig({ RATE_LIMIT_PER_HOUR: '2', USAGE_RATE_LIMIT_PER_HOUR: '3' });
const key: Actor = { type: 'api_key', id: 'key_a', role: 'billing_admin' };
const jwtWithSameId: Actor = { type: 'jwt', id: 'key_a', role: 'billing_admin' };

describe(RateLimiter.name, () => {
  it('gives each bucket its own limit and count', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(), config);
    const api = [];
    for (let i = 0; i < 3; i++) api.push(await limiter.consume(key, 'api'));
    const usage = [];
    for (let i = 0; i < 4; i++) usage.push(await limiter.consume(key, 'usage'));
    expect(api.map((verdict) => verdict?.allowed)).toEqual([true, true, false]);
    expect(usage.map((verdict) => verdict?.remaining)).toEqual([2, 1, 0, 0]);
    expect(usage.map((verdict) => verdict?.allowed)).toEqual([true, true, true, false]);
  });

  it('peeks at the count without adding to it', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(), config);
    await limiter.consume(key, 'api');
    expect(await limiter.peek(key, 'api')).toMatchObject({ remaining: 1 });
    expect(await limiter.consume(key, 'api')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('counts a JWT subject apart from an API key of the same id', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(), config);
    await limiter.consume(key, 'api');
    await limiter.consume(key, 'api');
    expect(await limiter.consume(jwtWithSameId, 'api')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('fails open, without a verdict, when the counters cannot be reached, and says so once a minute', async () => {
    const refuse = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const unreachable: RateLimitStore = { increment: refuse, count: refuse };
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const limiter = new RateLimiter(unreachable, config);
    expect(await limiter.consume(key, 'api')).toBeNull();
    expect(await limiter.peek(key, 'api')).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
