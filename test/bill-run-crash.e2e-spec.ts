import { seedDueSubscriptions, startTestPlatform, TestPlatform } from '@billing/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';

const SUBSCRIPTIONS = 6000;

describe('Bill run', () => {
  let platform: TestPlatform;
  let db: DataSource;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform();
    db = platform.api.get(DataSource);
    // The probed scheduler's probe subscriber needs its table.
    await db.query('CREATE TABLE probe_effects (event_id text NOT NULL)');
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
      await new Promise((done) => setTimeout(done, 5));
    }
  };

  it('leaves exactly one invoice per subscription and period, numbered without gaps, after a SIGKILL mid-run', async () => {
    const [{ now }] = await db.query('SELECT now FROM test_clock');
    await seedDueSubscriptions(db, SUBSCRIPTIONS, now);

    const first = startScheduler();
    await waitFor(async () => (await count('SELECT count(*) FROM invoices')) > 0, 60_000);
    first.kill('SIGKILL');
    await new Promise((done) => first.once('exit', done));
    const atKill = await count('SELECT count(*) FROM invoices');
    expect(atKill).toBeLessThan(SUBSCRIPTIONS);

    startScheduler();
    await waitFor(async () => (await count('SELECT count(*) FROM billing_events WHERE billed_at IS NULL')) === 0, 120_000);

    expect(await count('SELECT count(*) FROM invoices')).toBe(SUBSCRIPTIONS);
    expect(await count('SELECT count(DISTINCT (subscription_id, period_start)) FROM invoices')).toBe(SUBSCRIPTIONS);
    expect(await count('SELECT count(*) FROM invoice_lines')).toBe(SUBSCRIPTIONS);
    const [numbers] = await db.query(`SELECT min(substr(number, 5)::int) AS low, max(substr(number, 5)::int) AS high FROM invoices`);
    expect([numbers.low, numbers.high]).toEqual([1, SUBSCRIPTIONS]);
  }, 200_000);
});
