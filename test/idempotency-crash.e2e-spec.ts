import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { DataSource } from 'typeorm';
import { ApiProcess } from './support/api-process';

const KEYS = 150;
const LEASE_SECONDS = 2;

/** Keyed POSTs in flight when the api dies: after a restart each key replays its committed answer or runs once. */
describe('Idempotency-Key across a SIGKILL of the api', () => {
  let platform: TestPlatform;
  let api: ApiProcess;

  beforeAll(async () => {
    platform = await startTestPlatform();
    api = await ApiProcess.prepare(platform, { IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS) });
  });
  afterAll(async () => {
    await api.kill();
    await platform.close();
  });

  const post = (key: number) =>
    fetch(`${api.url}/v1/accounts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}`, 'Content-Type': 'application/json', 'Idempotency-Key': `crash-${key}` },
      body: JSON.stringify({ name: `Crash ${key}`, email: `c${key}@x.test`, currency: 'EUR' }),
    });

  it('leaves no key stuck in flight and no request applied twice', async () => {
    const db = platform.api.get(DataSource);
    const accounts = async () => Number((await db.query(`SELECT count(*) FROM accounts WHERE name LIKE 'Crash %'`))[0].count);
    await api.start();
    const burst = Array.from({ length: KEYS }, (_, key) =>
      post(key).then(
        (response) => response.status,
        () => 'dropped',
      ),
    );
    while ((await accounts()) < KEYS / 4) await new Promise((done) => setTimeout(done, 5));
    await api.kill();
    const firstTry = await Promise.all(burst);
    expect(firstTry).toContain('dropped');
    const committed = await accounts();
    expect(committed).toBeLessThan(KEYS);

    await api.start();
    await new Promise((done) => setTimeout(done, LEASE_SECONDS * 1000 + 200));
    const retries = await Promise.all(
      Array.from({ length: KEYS }, async (_, key) => {
        const response = await post(key);
        return {
          key,
          status: response.status,
          replayed: response.headers.get('idempotent-replayed') === 'true',
          body: (await response.json()) as { name: string },
        };
      }),
    );
    expect(retries.filter((retry) => retry.status !== 201)).toEqual([]);
    const names: { name: string; n: string }[] = await db.query(
      `SELECT name, count(*) AS n FROM accounts WHERE name LIKE 'Crash %' GROUP BY name HAVING count(*) > 1`,
    );
    expect(names).toEqual([]);
    expect(await accounts()).toBe(KEYS);
    // Those whose change had committed before the kill answer from the store, with the same account.
    expect(retries.filter((retry) => retry.replayed).length).toBeGreaterThanOrEqual(committed);
    for (const retry of retries) expect(retry.body.name).toBe(`Crash ${retry.key}`);
  }, 180_000);
});
