import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';

describe('HTTP conventions', () => {
  let platform: TestPlatform;
  const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
  const account = { name: 'Idem', email: 'idem@x.test', currency: 'USD' };

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  const countAccounts = async (email: string) =>
    (
      await request(platform.http)
        .get(`/v1/accounts?email=${encodeURIComponent(email)}&limit=100`)
        .set(auth)
    ).body.data.length;

  it('answers 400 malformed_json for a body that is not JSON', async () => {
    const response = await request(platform.http)
      .post('/v1/accounts')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{"name": "broken"');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, code: 'malformed_json' });
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await request(platform.http)
      .post('/v1/accounts')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...account, name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('answers 404 problem+json for an unknown route', async () => {
    const response = await request(platform.http).get('/v1/nothing-here').set(auth);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('not_found');
  });

  it('replays the first answer for the same Idempotency-Key and body, and creates nothing more', async () => {
    const body = { ...account, email: 'replay@x.test' };
    const first = await request(platform.http).post('/v1/accounts').set(auth).set('Idempotency-Key', 'k-replay').send(body);
    const second = await request(platform.http).post('/v1/accounts').set(auth).set('Idempotency-Key', 'k-replay').send(body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await countAccounts('replay@x.test')).toBe(1);
  });

  it('replays a validation error too, so a retry of a bad request stays bad', async () => {
    const body = { ...account, currency: 'nope' };
    const first = await request(platform.http).post('/v1/accounts').set(auth).set('Idempotency-Key', 'k-bad').send(body);
    const second = await request(platform.http).post('/v1/accounts').set(auth).set('Idempotency-Key', 'k-bad').send(body);
    expect(first.status).toBe(422);
    expect(second.status).toBe(422);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('answers 422 idempotency_key_reused for the same key with another body', async () => {
    await request(platform.http)
      .post('/v1/accounts')
      .set(auth)
      .set('Idempotency-Key', 'k-reuse')
      .send({ ...account, email: 'r1@x.test' });
    const response = await request(platform.http)
      .post('/v1/accounts')
      .set(auth)
      .set('Idempotency-Key', 'k-reuse')
      .send({ ...account, email: 'r2@x.test' });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('idempotency_key_reused');
    expect(await countAccounts('r2@x.test')).toBe(0);
  });

  it('creates exactly one account from 20 concurrent POSTs with one key; the others replay it or answer 409 in use', async () => {
    const body = { ...account, email: 'race@x.test' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => request(platform.http).post('/v1/accounts').set(auth).set('Idempotency-Key', 'k-race').send(body)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    for (const response of responses.filter((r) => r.status === 409)) expect(response.body.code).toBe('idempotency_key_in_use');
    const ids = new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(await countAccounts('race@x.test')).toBe(1);
  });

  it('keys are per credential: another credential with the same key is a new request', async () => {
    const body = { ...account, email: 'scoped@x.test' };
    await request(platform.http).post('/v1/accounts').set(auth).set('Idempotency-Key', 'k-scope').send(body);
    // The same key under no credential is refused before idempotency is consulted.
    const anonymous = await request(platform.http).post('/v1/accounts').set('Idempotency-Key', 'k-scope').send(body);
    expect(anonymous.status).toBe(401);
  });

  it('never stores a secret shown once: a replayed API key creation answers without the key', async () => {
    const first = await request(platform.http)
      .post('/v1/api-keys')
      .set(auth)
      .set('Idempotency-Key', 'k-secret')
      .send({ name: 'ci', role: 'finance_viewer' });
    const second = await request(platform.http)
      .post('/v1/api-keys')
      .set(auth)
      .set('Idempotency-Key', 'k-secret')
      .send({ name: 'ci', role: 'finance_viewer' });
    expect(first.body.key).toMatch(/^bk_/);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual({ ...first.body, key: undefined });
    const stored = await platform.api.get(DataSource).query(`SELECT body::text FROM idempotency_keys WHERE key = 'k-secret'`);
    expect(stored[0].body).not.toContain(first.body.key);
  });

  it('echoes the caller X-Request-Id, or makes one', async () => {
    const given = await request(platform.http).get('/health').set('X-Request-Id', 'trace-abc-123');
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const made = await request(platform.http).get('/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves health, readiness, metrics and the OpenAPI document without credentials', async () => {
    expect((await request(platform.http).get('/health')).status).toBe(200);
    const ready = await request(platform.http).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, queue: { status: 'up' } });

    await request(platform.http).get('/v1/accounts/acct_missing').set(auth);
    const metrics = await request(platform.http).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/api_request_duration_seconds_bucket\{[^}]*route="\/v1\/accounts\/:id"/);
    expect(metrics.text).toMatch(/api_errors_total\{code="not_found",status="404"\} [1-9]/);

    const openapi = await request(platform.http).get('/docs-json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toMatch(/^3\./);
    expect(openapi.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(openapi.body.paths['/v1/accounts'].post.operationId).toBe('createAccount');
    expect(Object.keys(openapi.body.components.schemas.AccountResponse.properties)).toEqual(
      expect.arrayContaining(['id', 'currency', 'credit_balance', 'overdue_state', 'created_at']),
    );
    expect((await request(platform.http).get('/docs')).status).toBe(200);
  });
});
