import { seedDueSubscriptions, startTestPlatform, TestPlatform } from '@billing/testing';
import { DataSource } from 'typeorm';
import { countRows, SchedulerProcesses, waitFor } from './support/scheduler-process';

const SUBSCRIPTIONS = 6000;

describe('Bill run', () => {
  let platform: TestPlatform;
  let db: DataSource;
  let schedulers: SchedulerProcesses;
  const count = (sql: string) => countRows(db, sql);

  beforeAll(async () => {
    platform = await startTestPlatform();
    db = platform.api.get(DataSource);
    schedulers = await SchedulerProcesses.prepare(platform);
  });
  afterAll(async () => {
    schedulers.stopAll();
    await platform.close();
  });

  it('leaves exactly one invoice per subscription and period, numbered without gaps, after a SIGKILL mid-run', async () => {
    const [{ now }] = await db.query('SELECT now FROM test_clock');
    await seedDueSubscriptions(db, SUBSCRIPTIONS, now);

    const first = schedulers.start();
    await waitFor(async () => (await count('SELECT count(*) FROM invoices')) > 0, 60_000);
    await schedulers.kill(first);
    expect(await count('SELECT count(*) FROM invoices')).toBeLessThan(SUBSCRIPTIONS);

    schedulers.start();
    await waitFor(async () => (await count('SELECT count(*) FROM billing_events WHERE billed_at IS NULL')) === 0, 120_000);

    expect(await count('SELECT count(*) FROM invoices')).toBe(SUBSCRIPTIONS);
    expect(await count('SELECT count(DISTINCT (subscription_id, period_start)) FROM invoices')).toBe(SUBSCRIPTIONS);
    expect(await count('SELECT count(*) FROM invoice_lines')).toBe(SUBSCRIPTIONS);
    const [numbers] = await db.query(`SELECT min(substr(number, 5)::int) AS low, max(substr(number, 5)::int) AS high FROM invoices`);
    expect([numbers.low, numbers.high]).toEqual([1, SUBSCRIPTIONS]);
  }, 200_000);
});
