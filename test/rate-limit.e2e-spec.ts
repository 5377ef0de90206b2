import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { Redis } from 'ioredis';
import request from 'supertest';

const LIMIT = 5;
const HOUR_MS = 3_600_000;
const bearer = (credential: string) => ({ Authorization: `Bearer ${credential}` });

/** The window is a real hour of wall time: never start the counting calls a few seconds before it turns. */
async function awayFromHourBoundary() {
  const left = HOUR_MS - (Date.now() % HOUR_MS);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe('Rate limits per credential', () => {
  let platform: TestPlatform;
  let first: string;
  let second: string;

  beforeAll(async () => {
    await awayFromHourBoundary();
    platform = await startTestPlatform({ RATE_LIMIT_PER_HOUR: String(LIMIT) });
    // Two of the bootstrap key's own five calls.
    const create = (name: string) =>
      request(platform.http).post('/v1/api-keys').set(bearer(TEST_BOOTSTRAP_KEY)).send({ name, role: 'finance_viewer' });
    first = (await create('first')).body.key;
    second = (await create('second')).body.key;
  });
  afterAll(() => platform.close());

  it('counts down in the headers, then answers 429 rate_limited with Retry-After, and other credentials still pass', async () => {
    const resets: number[] = [];
    for (let call = 1; call <= LIMIT; call++) {
      const response = await request(platform.http).get('/v1/accounts').set(bearer(first));
      expect(response.status).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe(String(LIMIT));
      expect(response.headers['ratelimit-remaining']).toBe(String(LIMIT - call));
      resets.push(Number(response.headers['ratelimit-reset']));
    }
    for (const reset of resets) expect(Number.isInteger(reset) && reset >= 1 && reset <= 3600).toBe(true);
    expect([...resets].sort((a, b) => b - a)).toEqual(resets);

    const refused = await request(platform.http).get('/v1/accounts').set(bearer(first));
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3600).toBe(true);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(Number(refused.headers['ratelimit-reset'])).toBe(retryAfter);

    const other = await request(platform.http).get('/v1/accounts').set(bearer(second));
    expect(other.status).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));
  });

  it('counts the error answers of an authenticated credential too', async () => {
    const notFound = await request(platform.http).get('/v1/accounts/acct_unknown').set(bearer(second));
    expect(notFound.status).toBe(404);
    expect(notFound.headers['ratelimit-remaining']).toBe(String(LIMIT - 2));
  });

  it('labels a 403 with the credential state without counting it', async () => {
    const forbidden = await request(platform.http)
      .post('/v1/accounts')
      .set(bearer(second))
      .send({ name: 'X', email: 'x@y.test', currency: 'EUR' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['ratelimit-remaining']).toBe(String(LIMIT - 2));
    const next = await request(platform.http).get('/v1/accounts').set(bearer(second));
    expect(next.headers['ratelimit-remaining']).toBe(String(LIMIT - 3));
  });

  it('neither counts nor labels refused credentials', async () => {
    for (let call = 0; call <= LIMIT; call++) {
      const response = await request(platform.http).get('/v1/accounts').set(bearer('bk_not_a_key_we_ever_issued_0123456789abcdef'));
      expect(response.status).toBe(401);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('leaves the operations endpoints unlimited', async () => {
    for (let call = 0; call <= LIMIT; call++) expect((await request(platform.http).get('/health')).status).toBe(200);
  });

  (process.env.REDIS_URL ? it : it.skip)('keeps the counters in Redis under the platform prefix, expiring with the window', async () => {
    const redis = new Redis(process.env.REDIS_URL as string);
    try {
      const keys = await redis.keys(`${platform.config.queuePrefix}:rate-limit:*`);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      for (const key of keys) {
        const ttl = await redis.pttl(key);
        expect(ttl > 0 && ttl <= HOUR_MS).toBe(true);
      }
    } finally {
      await redis.quit();
    }
  });
});
