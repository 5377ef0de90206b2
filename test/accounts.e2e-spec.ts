import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

describe('Accounts API', () => {
  let platform: TestPlatform;
  const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  const create = (body: object, headers: Record<string, string> = {}) =>
    request(platform.http).post('/v1/accounts').set(auth).set(headers).send(body);

  it('creates an account from a name, an email and a currency, with the documented defaults', async () => {
    const response = await create({ name: 'Acme', email: 'billing@acme.test', currency: 'EUR' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      object: 'account',
      name: 'Acme',
      email: 'billing@acme.test',
      currency: 'EUR',
      timezone: 'UTC',
      tax_exempt: false,
      net_terms_days: 0,
      credit_balance: 0,
      overdue_state: 'ok',
      metadata: {},
    });
    expect(response.body.id).toMatch(/^acct_[0-9A-Za-z]{22}$/);

    const fetched = await request(platform.http).get(`/v1/accounts/${response.body.id}`).set(auth);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('updates an account and keeps what the patch does not name', async () => {
    const { body: account } = await create({ name: 'Before', email: 'a@b.test', currency: 'USD', timezone: 'Europe/Paris' });
    const response = await request(platform.http)
      .patch(`/v1/accounts/${account.id}`)
      .set(auth)
      .send({ name: 'After', metadata: { tier: 'gold' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'After', email: 'a@b.test', timezone: 'Europe/Paris', metadata: { tier: 'gold' } });
  });

  it('clears optional fields with null, and refuses null for required ones with 422', async () => {
    const { body: account } = await create({ name: 'Nulls', email: 'n@x.test', currency: 'USD', tax_id: 'GB123', country: 'GB' });
    const cleared = await request(platform.http).patch(`/v1/accounts/${account.id}`).set(auth).send({ tax_id: null, country: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ tax_id: null, country: null, name: 'Nulls' });
    const refused = await request(platform.http).patch(`/v1/accounts/${account.id}`).set(auth).send({ name: null, email: null });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['email', 'name']);
  });

  it('answers 422 naming every invalid field, and stores nothing', async () => {
    const response = await create({ name: '', email: 'not-an-email', currency: 'usd', bill_cycle_day: 32 });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 422, code: 'validation_failed' });
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'email', 'currency', 'bill_cycle_day']));
    const list = await request(platform.http).get('/v1/accounts?email=not-an-email').set(auth);
    expect(list.body.data).toHaveLength(0);
  });

  it('refuses an unknown currency, time zone and country with 422', async () => {
    const response = await create({ name: 'X', email: 'x@y.test', currency: 'XYZ', timezone: 'Mars/Base', country: 'ZZ' });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['country', 'currency', 'timezone']);
  });

  it('refuses fields the API does not know', async () => {
    const response = await create({ name: 'X', email: 'x@y.test', currency: 'USD', plan: 'gold' });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'plan', message: expect.any(String) }]);
  });

  it('answers 409 for an external_key that another account has', async () => {
    await create({ name: 'One', email: 'one@x.test', currency: 'USD', external_key: 'crm-1' });
    const response = await create({ name: 'Two', email: 'two@x.test', currency: 'USD', external_key: 'crm-1' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('external_key_taken');
  });

  it('answers 404 for an unknown id', async () => {
    const response = await request(platform.http).get('/v1/accounts/acct_unknown').set(auth);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('pages through accounts newest first with a cursor, and filters by email', async () => {
    for (let i = 0; i < 5; i++) await create({ name: `Paged ${i}`, email: 'paged@x.test', currency: 'GBP' });
    const first = await request(platform.http).get('/v1/accounts?email=paged@x.test&limit=2').set(auth);
    expect(first.body.data.map((a: { name: string }) => a.name)).toEqual(['Paged 4', 'Paged 3']);
    expect(first.body.has_more).toBe(true);
    const second = await request(platform.http).get(`/v1/accounts?email=paged@x.test&limit=2&cursor=${first.body.next_cursor}`).set(auth);
    const third = await request(platform.http).get(`/v1/accounts?email=paged@x.test&limit=2&cursor=${second.body.next_cursor}`).set(auth);
    expect(second.body.data.map((a: { name: string }) => a.name)).toEqual(['Paged 2', 'Paged 1']);
    expect(third.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(third.body.data.map((a: { name: string }) => a.name)).toEqual(['Paged 0']);
  });

  it('refuses a limit above 100 and a cursor it did not issue', async () => {
    expect((await request(platform.http).get('/v1/accounts?limit=101').set(auth)).status).toBe(422);
    const bad = await request(platform.http).get('/v1/accounts?cursor=garbage').set(auth);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('cursor');
  });

  it('records an audit entry with actor, request id, before and after for a create and a patch', async () => {
    const { body: account } = await create({ name: 'Audited', email: 'audit@x.test', currency: 'USD' }, { 'X-Request-Id': 'req-create-1' });
    await request(platform.http)
      .patch(`/v1/accounts/${account.id}`)
      .set(auth)
      .set('X-Request-Id', 'req-patch-1')
      .send({ name: 'Audited 2' });
    const log = await request(platform.http).get(`/v1/audit-log?resource_id=${account.id}`).set(auth);
    expect(log.status).toBe(200);
    const [patch, creation] = log.body.data;
    expect(creation).toMatchObject({
      action: 'create',
      resource_type: 'account',
      request_id: 'req-create-1',
      actor: { type: 'api_key', id: 'key_bootstrap', role: 'super_admin' },
      before: null,
      after: { name: 'Audited' },
    });
    expect(patch).toMatchObject({ action: 'update', request_id: 'req-patch-1', before: { name: 'Audited' }, after: { name: 'Audited 2' } });
  });

  it('stores account.created and account.updated events with the account as data.object', async () => {
    const { body: account } = await create({ name: 'Evented', email: 'ev@x.test', currency: 'USD' });
    await request(platform.http).patch(`/v1/accounts/${account.id}`).set(auth).send({ email: 'ev2@x.test' });
    const created = await request(platform.http).get('/v1/events?type=account.created').set(auth);
    const event = created.body.data.find((e: { data: { object: { id: string } } }) => e.data.object.id === account.id);
    expect(event).toMatchObject({ type: 'account.created', data: { object: { email: 'ev@x.test' } } });
    expect(event.id).toMatch(/^evt_/);
    const single = await request(platform.http).get(`/v1/events/${event.id}`).set(auth);
    expect(single.body).toEqual(event);
    const updated = await request(platform.http).get('/v1/events?type=account.updated').set(auth);
    expect(updated.body.data[0]).toMatchObject({ data: { object: { id: account.id, email: 'ev2@x.test' } } });
  });
});
