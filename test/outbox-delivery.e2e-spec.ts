import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { countRows, SchedulerProcesses, waitFor } from './support/scheduler-process';

// Twenty batches of the relay's 500: the scheduler is killed with most of them still to do.
const EVENTS = 10_000;

describe('Outbox delivery', () => {
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

  it('delivers every event exactly once to a subscriber although the scheduler is killed mid-relay', async () => {
    await db.query(
      `INSERT INTO events (id, type, resource_type, resource_id, data, created_at)
       SELECT 'evt_probe_' || lpad(n::text, 6, '0'), 'probe.happened', 'probe', 'p' || n, '{}', now()
         FROM generate_series(1, $1) AS n`,
      [EVENTS],
    );
    const first = schedulers.start();
    await waitFor(async () => (await count('SELECT count(*) FROM probe_effects')) > 0, 60_000);
    await schedulers.kill(first);
    expect(await count('SELECT count(*) FROM probe_effects')).toBeLessThan(EVENTS);

    schedulers.start();
    await waitFor(async () => (await count('SELECT count(*) FROM events WHERE delivered_at IS NULL')) === 0, 90_000);

    expect(await count(`SELECT count(DISTINCT event_id) FROM probe_effects`)).toBe(EVENTS);
    expect(await count(`SELECT count(*) FROM probe_effects`)).toBe(EVENTS);
  }, 150_000);

  it('delivers the rest of a batch when one event fails, names the failing one, and delivers it once it can be handled', async () => {
    await db.query(
      `INSERT INTO events (id, type, resource_type, resource_id, data, created_at)
       SELECT 'evt_batch_' || lpad(n::text, 3, '0'), 'probe.happened', 'probe', 'b' || n, jsonb_build_object('poison', n = 7), now()
         FROM generate_series(1, 20) AS n`,
    );
    schedulers.start();
    const pending = `SELECT count(*) FROM events WHERE id LIKE 'evt_batch_%' AND delivered_at IS NULL`;
    await waitFor(async () => (await count(pending)) === 1, 60_000);
    expect(await count(`SELECT count(*) FROM probe_effects WHERE event_id LIKE 'evt_batch_%'`)).toBe(19);
    await waitFor(
      async () => (await count(`SELECT count(*) FROM work_failures WHERE task = 'job:domain-events' AND error LIKE '%evt_batch_007%'`)) > 0,
      30_000,
    );

    await db.query(`INSERT INTO probe_cures (event_id) VALUES ('evt_batch_007')`);
    await waitFor(async () => (await count(pending)) === 0, 60_000);
    expect(await count(`SELECT count(*) FROM probe_effects WHERE event_id = 'evt_batch_007'`)).toBe(1);
    expect(await count(`SELECT count(*) FROM probe_effects WHERE event_id LIKE 'evt_batch_%'`)).toBe(20);
  }, 150_000);

  it('relays an event committed by the api to the scheduler, which marks it delivered', async () => {
    const created = await request(platform.http)
      .post('/v1/accounts')
      .set('Authorization', `Bearer ${TEST_BOOTSTRAP_KEY}`)
      .send({ name: 'Relayed', email: 'relayed@x.test', currency: 'USD' });
    const [event] = await db.query(`SELECT id FROM events WHERE resource_id = $1`, [created.body.id]);
    await waitFor(async () => (await count(`SELECT count(*) FROM probe_effects WHERE event_id = '${event.id}'`)) === 1, 30_000);
    // The subscriber's effect commits first, the event is marked delivered just after.
    await waitFor(
      async () => (await count(`SELECT count(*) FROM events WHERE id = '${event.id}' AND delivered_at IS NOT NULL`)) === 1,
      30_000,
    );
    const [row] = await db.query(`SELECT relayed_at, delivered_at FROM events WHERE id = $1`, [event.id]);
    expect(row.relayed_at).not.toBeNull();
    expect(row.delivered_at).not.toBeNull();
  }, 60_000);
});
