import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';

const EVENTS = 3000;

describe('Outbox delivery', () => {
  let platform: TestPlatform;
  let db: DataSource;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform();
    db = platform.api.get(DataSource);
    await db.query('CREATE TABLE probe_effects (event_id text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())');
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await platform.close();
  });

  const startScheduler = () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, 'support/probed-scheduler.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: platform.config.databaseUrl,
        REDIS_URL: platform.config.redisUrl ?? '',
        QUEUE_PREFIX: platform.config.queuePrefix,
        BILLING_CLOCK: 'test',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };
  const count = async (sql: string) => Number((await db.query(sql))[0].count);
  const waitFor = async (condition: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((done) => setTimeout(done, 10));
    }
  };

  it('delivers every event exactly once to a subscriber although the scheduler is killed mid-relay', async () => {
    await db.query(
      `INSERT INTO events (id, type, resource_type, resource_id, data, created_at)
       SELECT 'evt_probe_' || lpad(n::text, 6, '0'), 'probe.happened', 'probe', 'p' || n, '{}', now()
         FROM generate_series(1, $1) AS n`,
      [EVENTS],
    );
    const first = startScheduler();
    await waitFor(async () => (await count('SELECT count(*) FROM probe_effects')) > 0, 60_000);
    first.kill('SIGKILL');
    await new Promise((done) => first.once('exit', done));
    const effectsAtKill = await count('SELECT count(*) FROM probe_effects');
    expect(effectsAtKill).toBeLessThan(EVENTS);

    startScheduler();
    await waitFor(async () => (await count('SELECT count(*) FROM events WHERE delivered_at IS NULL')) === 0, 90_000);

    expect(await count(`SELECT count(DISTINCT event_id) FROM probe_effects`)).toBe(EVENTS);
    expect(await count(`SELECT count(*) FROM probe_effects`)).toBe(EVENTS);
  }, 150_000);

  it('relays an event committed by the api to the scheduler, which marks it delivered', async () => {
    const created = await request(platform.http)
      .post('/v1/accounts')
      .set('Authorization', `Bearer ${TEST_BOOTSTRAP_KEY}`)
      .send({ name: 'Relayed', email: 'relayed@x.test', currency: 'USD' });
    const [event] = await db.query(`SELECT id FROM events WHERE resource_id = $1`, [created.body.id]);
    await waitFor(async () => (await count(`SELECT count(*) FROM probe_effects WHERE event_id = '${event.id}'`)) === 1, 30_000);
    const [row] = await db.query(`SELECT relayed_at, delivered_at FROM events WHERE id = $1`, [event.id]);
    expect(row.relayed_at).not.toBeNull();
    expect(row.delivered_at).not.toBeNull();
  }, 60_000);
});
