import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { countRows, SchedulerProcesses, waitFor } from './support/scheduler-process';

const EVENTS = 3000;

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
