import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { fixedWindow } from './rate-limit-window';

describe(MemoryRateLimitStore.name, () => {
  const tenOClock = fixedWindow(Date.parse('2026-03-01T10:15:00Z'));
  const elevenOClock = fixedWindow(Date.parse('2026-03-01T11:15:00Z'));

  it('counts each key on its own within a window', async () => {
    const store = new MemoryRateLimitStore();
    expect(await store.increment('api:api_key:key_a', tenOClock)).toBe(1);
    expect(await store.increment('api:api_key:key_a', tenOClock)).toBe(2);
    expect(await store.increment('api:api_key:key_b', tenOClock)).toBe(1);
    expect(await store.increment('usage:api_key:key_a', tenOClock)).toBe(1);
  });

  it('starts again from one in the next window', async () => {
    const store = new MemoryRateLimitStore();
    await store.increment('api:jwt:user_1', tenOClock);
    await store.increment('api:jwt:user_1', tenOClock);
    expect(await store.increment('api:jwt:user_1', elevenOClock)).toBe(1);
    expect(await store.increment('api:jwt:user_2', elevenOClock)).toBe(1);
  });

  it('answers the count of a window without changing it', async () => {
    const store = new MemoryRateLimitStore();
    expect(await store.count('api:api_key:key_a', tenOClock)).toBe(0);
    await store.increment('api:api_key:key_a', tenOClock);
    expect(await store.count('api:api_key:key_a', tenOClock)).toBe(1);
    expect(await store.count('api:api_key:key_a', tenOClock)).toBe(1);
    expect(await store.count('api:api_key:key_a', elevenOClock)).toBe(0);
  });
});
