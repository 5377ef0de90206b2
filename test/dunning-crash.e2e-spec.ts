import { seedCards, seedDueSubscriptions, startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { countRows, SchedulerProcesses, waitFor } from './support/scheduler-process';

const ACCOUNTS = 3000;
const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

/**
 * The dunning timeline for many accounts at once, with the scheduler killed (SIGKILL) while the block
 * step is half done: another scheduler finishes it, and no step is applied twice and no event raised twice.
 */
describe('Dunning across a scheduler crash', () => {
  let platform: TestPlatform;
  let db: DataSource;
  let schedulers: SchedulerProcesses;
  const count = (sql: string) => countRows(db, sql);
  const api = () => request(platform.http);

  beforeAll(async () => {
    platform = await startTestPlatform();
    db = platform.api.get(DataSource);
    schedulers = await SchedulerProcesses.prepare(platform);
  });
  afterAll(async () => {
    schedulers.stopAll();
    await platform.close();
  });

  const moveClock = (now: Date) => api().post('/v1/test/clock').set(auth).send({ now: now.toISOString(), timeout_seconds: 170 });

  it('blocks every account once, with one event per step, after a SIGKILL in the middle of the block step', async () => {
    const [{ now: start }]: { now: Date }[] = await db.query('SELECT now FROM test_clock');
    const day = (n: number) => new Date(start.getTime() + n * 86_400_000);
    await seedDueSubscriptions(db, ACCOUNTS, start, 'dun');
    await seedCards(db, ACCOUNTS, start, 'dun', 'pm_card_chargeDeclined');
    await api()
      .put('/v1/dunning-policy')
      .set(auth)
      .send({
        retry_schedule_days: [1, 3],
        steps: [
          { after_days: 5, action: 'notify' },
          { after_days: 10, action: 'block' },
          { after_days: 20, action: 'cancel' },
        ],
      })
      .expect(200);

    const first = schedulers.start();
    for (const n of [0, 1, 3, 5]) expect((await moveClock(day(n))).status).toBe(200);
    expect(await count(`SELECT count(*) FROM accounts WHERE overdue_state = 'warning'`)).toBe(ACCOUNTS);

    const blocking = moveClock(day(10)).then((response) => response);
    await waitFor(async () => (await count(`SELECT count(*) FROM accounts WHERE overdue_state = 'blocked'`)) > 0, 120_000);
    await schedulers.kill(first);
    expect(await count(`SELECT count(*) FROM accounts WHERE overdue_state = 'blocked'`)).toBeLessThan(ACCOUNTS);
    schedulers.start();
    expect((await blocking).status).toBe(200);

    expect(await count(`SELECT count(*) FROM accounts WHERE overdue_state = 'blocked'`)).toBe(ACCOUNTS);
    expect(await count(`SELECT count(*) FROM subscriptions WHERE status = 'paused' AND paused_by_dunning`)).toBe(ACCOUNTS);
    const events = (type: string) => count(`SELECT count(*) FROM events WHERE type = '${type}'`);
    const distinct = (type: string, key: string) =>
      count(`SELECT count(DISTINCT (resource_id, ${key})) FROM events WHERE type = '${type}'`);
    expect(await events('account.overdue_state_changed')).toBe(2 * ACCOUNTS);
    expect(await distinct('account.overdue_state_changed', `data->>'overdue_state'`)).toBe(2 * ACCOUNTS);
    expect(await events('subscription.paused')).toBe(ACCOUNTS);
    expect(await events('invoice.overdue')).toBe(ACCOUNTS);
    expect(await count(`SELECT count(*) FROM billing_events WHERE type = 'proration_credit'`)).toBe(ACCOUNTS);
    // Attempts at creation, due+1 and due+3: three per invoice, numbered 1 to 3.
    expect(await count('SELECT count(*) FROM payments')).toBe(3 * ACCOUNTS);
    expect(await count('SELECT count(DISTINCT (invoice_id, attempt)) FROM payments WHERE attempt BETWEEN 1 AND 3')).toBe(3 * ACCOUNTS);
  }, 400_000);
});
