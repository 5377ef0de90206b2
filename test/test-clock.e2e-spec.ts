import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

describe('Test clock', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  const now = async () => new Date((await request(platform.http).get('/v1/test/clock').set(auth)).body.now);
  const move = (to: Date | string, timeout_seconds = 30) =>
    request(platform.http)
      .post('/v1/test/clock')
      .set(auth)
      .send({ now: typeof to === 'string' ? to : to.toISOString(), timeout_seconds });

  it('answers 504 when no scheduler processes the work due by the new instant', async () => {
    const response = await move(new Date((await now()).getTime() + 1000), 1);
    expect(response.status).toBe(504);
    expect(response.body.code).toBe('clock_work_pending');
  });

  it('stands still between moves and stamps billing objects with its time', async () => {
    await platform.startScheduler();
    const target = new Date(Date.UTC(2027, 0, 15, 9, 30));
    expect((await move(target)).body).toEqual({ now: target.toISOString(), pending_jobs: 0 });
    await new Promise((done) => setTimeout(done, 50));
    expect((await now()).toISOString()).toBe(target.toISOString());
    const account = await request(platform.http).post('/v1/accounts').set(auth).send({ name: 'T', email: 't@x.test', currency: 'USD' });
    expect(account.body.created_at).toBe(target.toISOString());
  });

  it('refuses to move backwards with 422 and keeps its time', async () => {
    const before = await now();
    const response = await move(new Date(before.getTime() - 1000));
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('now');
    expect(await now()).toEqual(before);
  });

  it('accepts its current instant again, to wait for pending work', async () => {
    const current = await now();
    const response = await move(current);
    expect(response.status).toBe(200);
    expect(response.body.pending_jobs).toBe(0);
  });

  it('returns only after the events committed before the move are delivered', async () => {
    await request(platform.http).post('/v1/accounts').set(auth).send({ name: 'W', email: 'w@x.test', currency: 'USD' });
    await move(new Date((await now()).getTime() + 60_000));
    const [row] = await platform.api.get(DataSource).query(`SELECT count(*)::int AS pending FROM events WHERE delivered_at IS NULL`);
    expect(row.pending).toBe(0);
  });

  it('keeps the audit log when the clock moves three years ahead: retention counts wall time', async () => {
    const db = platform.api.get(DataSource);
    const recent = await request(platform.http).post('/v1/accounts').set(auth).send({ name: 'New', email: 'new@x.test', currency: 'USD' });
    await db.query(
      `INSERT INTO audit_log (id, actor_type, actor_id, actor_role, request_id, action, resource_type, resource_id, created_at)
       VALUES ('aud_old', 'system', 'system', 'super_admin', 'r', 'create', 'account', 'acct_old', now() - interval '3 years 1 day')`,
    );
    const start = await now();
    await move(new Date(start.getTime() + (3 * 365 + 2) * 86400_000));
    const remaining = await db.query(`SELECT resource_id FROM audit_log WHERE resource_id = ANY($1)`, [[recent.body.id, 'acct_old']]);
    expect(remaining.map((row: { resource_id: string }) => row.resource_id)).toEqual([recent.body.id]);
  });

  it('rejects a malformed instant with 422', async () => {
    const response = await move('next tuesday');
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('now');
  });
});

describe('Without BILLING_CLOCK=test', () => {
  it('has no test clock endpoints (404)', async () => {
    const platform = await startTestPlatform({ BILLING_CLOCK: 'system' });
    try {
      expect((await request(platform.http).get('/v1/test/clock').set(auth)).status).toBe(404);
      expect((await request(platform.http).post('/v1/test/clock').set(auth).send({ now: '2030-01-01T00:00:00Z' })).status).toBe(404);
    } finally {
      await platform.close();
    }
  });
});
