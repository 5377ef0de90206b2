import { seedDueSubscriptions, startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { Logger } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import request from 'supertest';
import { DataSource } from 'typeorm';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const HUGE = 999_999_999_999_999;

/** One subscription that cannot be renewed or invoiced fails alone, loudly; everyone else is billed. */
describe('Failures are loud and contained', () => {
  let platform: TestPlatform;
  let db: DataSource;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    db = platform.api.get(DataSource);
  });
  afterAll(() => platform.close());

  const api = () => request(platform.http);
  const moveClock = (iso: string) => api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 120 });
  const counted = async (name: string) => (await (register.getSingleMetric(name) as Counter | undefined)?.get())?.values[0]?.value ?? 0;

  it('renews the other 199 subscriptions of a chunk when one throws, logs it at error and names it in the clock answer', async () => {
    expect((await moveClock('2027-01-01T00:00:00Z')).status).toBe(200);
    const { subscriptionIds } = await seedDueSubscriptions(db, 200, new Date('2027-01-01T00:00:00Z'), 'chunk');
    const poisoned = subscriptionIds[137];
    await db.query(`
      CREATE FUNCTION poison_renewal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subscription_id = '${poisoned}' AND NEW.period_start >= '2027-02-01' THEN RAISE EXCEPTION 'poisoned renewal'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER poison_renewal BEFORE INSERT ON billing_events FOR EACH ROW EXECUTE FUNCTION poison_renewal();`);
    const errors = jest.spyOn(Logger.prototype, 'error');
    const countedBefore = await counted('renewal_failures_total');

    const moved = await moveClock('2027-02-01T00:00:00Z');

    expect(moved.status).toBe(500);
    expect(moved.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(moved.body.code).toBe('clock_work_failed');
    expect(moved.body.failures).toEqual([{ task: 'renewal', subject_id: poisoned, error: expect.stringContaining('poisoned renewal') }]);
    expect(moved.body.detail).toContain(poisoned);
    const periods: { id: string; current_period_start: Date }[] = await db.query(
      `SELECT id, current_period_start FROM subscriptions WHERE id = ANY($1)`,
      [subscriptionIds],
    );
    const renewed = periods.filter((row) => row.current_period_start.toISOString() === '2027-02-01T00:00:00.000Z').map((row) => row.id);
    expect(renewed).toHaveLength(199);
    expect(renewed).not.toContain(poisoned);
    const [invoiced] = await db.query(`SELECT count(*)::int AS n FROM invoices WHERE subscription_id = ANY($1)`, [subscriptionIds]);
    expect(invoiced.n).toBe(199 * 2 + 1);
    expect(
      errors.mock.calls.some(([entry]) => JSON.stringify(entry).includes(poisoned) && JSON.stringify(entry).includes('poisoned renewal')),
    ).toBe(true);
    expect(await counted('renewal_failures_total')).toBe(countedBefore + 1);
    errors.mockRestore();

    // Fixed: the next run retries it on its own, renews it and forgets the failure.
    await db.query(`DROP TRIGGER poison_renewal ON billing_events`);
    expect((await moveClock('2027-02-01T00:01:00Z')).status).toBe(200);
    const [after] = await db.query(`SELECT current_period_start FROM subscriptions WHERE id = $1`, [poisoned]);
    expect(after.current_period_start.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(await db.query(`SELECT * FROM work_failures`)).toEqual([]);
  });

  it('refuses a usage amount beyond the exact range with 422 and invoices only the other subscriptions', async () => {
    expect((await moveClock('2027-02-10T00:00:00Z')).status).toBe(200);
    await api().post('/v1/metrics').set(auth).send({ code: 'bytes', name: 'Bytes', aggregation: 'sum', field: 'bytes' });
    const plan = await api()
      .post('/v1/plans')
      .set(auth)
      .send({
        code: 'per-byte',
        name: 'Per byte',
        interval: 'month',
        prices: [{ currency: 'USD', amount: 500 }],
        charges: [{ metric_code: 'bytes', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '1' }] }],
      });
    expect(plan.status).toBe(201);
    const subscriptions: { id: string; account_id: string }[] = [];
    for (const index of [0, 1, 2, 3]) {
      const account = await api()
        .post('/v1/accounts')
        .set(auth)
        .send({ name: `Bytes ${index}`, email: `b${index}@x.test`, currency: 'USD' });
      subscriptions.push(
        (await api().post('/v1/subscriptions').set(auth).send({ account_id: account.body.id, plan_code: 'per-byte' })).body,
      );
    }
    const [huge, ...others] = subscriptions;
    const events = Array.from({ length: 10 }, (_, index) => ({
      id: `huge-${index}`,
      subscription_id: huge.id,
      metric_code: 'bytes',
      timestamp: '2027-02-10T00:00:00Z',
      properties: { bytes: HUGE },
    }));
    expect((await api().post('/v1/usage').set(auth).send({ events })).status).toBe(202);

    const usage = await api().get(`/v1/subscriptions/${huge.id}/usage`).set(auth);
    expect(usage.status).toBe(422);
    expect(usage.body.code).toBe('amount_out_of_range');
    const preview = await api().post('/v1/invoices/preview').set(auth).send({ account_id: huge.account_id });
    expect(preview.status).toBe(422);
    expect(preview.body.code).toBe('amount_out_of_range');

    const moved = await moveClock('2027-03-10T00:00:00Z');
    expect(moved.status).toBe(500);
    expect(moved.body.failures).toEqual([{ task: 'bill-run', subject_id: huge.id, error: expect.stringContaining('AmountOutOfRange') }]);
    const renewals = async (id: string) =>
      (await api().get(`/v1/invoices?subscription_id=${id}`).set(auth)).body.data.filter(
        (invoice: { period_start: string }) => invoice.period_start === '2027-03-10T00:00:00.000Z',
      );
    for (const other of others) expect(await renewals(other.id)).toHaveLength(1);
    expect(await renewals(huge.id)).toHaveLength(0);
  });

  it('refuses a fee × quantity beyond the exact range with 422 naming quantity, and changes nothing', async () => {
    const plan = await api()
      .post('/v1/plans')
      .set(auth)
      .send({ code: 'priciest', name: 'Priciest', interval: 'month', prices: [{ currency: 'USD', amount: Number.MAX_SAFE_INTEGER }] });
    expect(plan.status).toBe(201);
    const account = await api().post('/v1/accounts').set(auth).send({ name: 'Q', email: 'q@x.test', currency: 'USD' });
    const refused = await api()
      .post('/v1/subscriptions')
      .set(auth)
      .send({ account_id: account.body.id, plan_code: 'priciest', quantity: 1_000_000 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'amount_out_of_range', errors: [{ field: 'quantity' }] });
    expect((await api().get(`/v1/subscriptions?account_id=${account.body.id}`).set(auth)).body.data).toEqual([]);

    const one = await api().post('/v1/subscriptions').set(auth).send({ account_id: account.body.id, plan_code: 'priciest' });
    expect(one.status).toBe(201);
    const preview = await api()
      .post('/v1/invoices/preview')
      .set(auth)
      .send({ subscription_id: one.body.id, change: { plan_code: 'priciest', quantity: 1e308 } });
    expect(preview.status).toBe(422);
    expect(preview.body.errors).toEqual([expect.objectContaining({ field: 'change.quantity' })]);
  });
});
