import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { createHash, createHmac, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'billing-api';
const ROLES = ['super_admin', 'billing_admin', 'support_rep', 'finance_viewer'] as const;
type Role = (typeof ROLES)[number];

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function rs256(privateKey: KeyObject, claims: object, header: object = {}): string {
  const input = `${base64url({ alg: 'RS256', typ: 'JWT', ...header })}.${base64url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

function hs256(secret: string, claims: object): string {
  const input = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function unsigned(claims: object): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

function claims(overrides: Record<string, unknown> = {}) {
  const now = nowSeconds();
  return { sub: 'user_jwt_1', role: 'billing_admin', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600, ...overrides };
}

const bearer = (credential: string) => ({ Authorization: `Bearer ${credential}` });
const admin = bearer(TEST_BOOTSTRAP_KEY);
const newAccount = (name = 'Acme') => ({ name, email: 'billing@acme.test', currency: 'EUR' });

function expectProblem(response: request.Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status, code });
}

describe('Authentication and API keys', () => {
  const signingKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = signingKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let platform: TestPlatform;

  beforeAll(async () => {
    // With \n escapes, as a PEM arrives through most secret stores.
    platform = await startTestPlatform({ JWT_PUBLIC_KEY: publicPem.replace(/\n/g, '\\n'), JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
  });
  afterAll(() => platform.close());

  const createKey = (body: object) => request(platform.http).post('/v1/api-keys').set(admin).send(body);

  async function keyWithRole(role: Role): Promise<string> {
    const response = await createKey({ name: `${role} key`, role });
    expect(response.status).toBe(201);
    return response.body.key;
  }

  describe('credentials', () => {
    it('answers 401 unauthenticated without credentials or with another scheme', async () => {
      expectProblem(await request(platform.http).get('/v1/accounts'), 401, 'unauthenticated');
      expectProblem(
        await request(platform.http).get('/v1/accounts').set('Authorization', `Basic ${TEST_BOOTSTRAP_KEY}`),
        401,
        'unauthenticated',
      );
    });

    it('answers 401 unauthenticated for a key that does not exist', async () => {
      const response = await request(platform.http).get('/v1/accounts').set(bearer('bk_not_a_key_we_ever_issued_0123456789abcdef'));
      expectProblem(response, 401, 'unauthenticated');
    });

    it('leaves the operations endpoints open', async () => {
      expect((await request(platform.http).get('/health')).status).toBe(200);
    });
  });

  describe('API key lifecycle', () => {
    it('shows the secret once, lists the key without it, accepts it with its role, and refuses it once revoked', async () => {
      const created = await createKey({ name: 'CRM sync', role: 'billing_admin' });
      expect(created.status).toBe(201);
      expect(Object.keys(created.body).sort()).toEqual(['created_at', 'id', 'key', 'last_used_at', 'name', 'object', 'prefix', 'role']);
      expect(created.body).toMatchObject({ object: 'api_key', name: 'CRM sync', role: 'billing_admin', last_used_at: null });
      const { id, key } = created.body;
      expect(id).toMatch(/^key_/);
      expect(key).toMatch(/^bk_[A-Za-z0-9_-]{40}$/);
      expect(created.body.prefix).toBe(key.slice(0, 10));

      const list = await request(platform.http).get('/v1/api-keys').set(admin);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ has_more: false, next_cursor: null });
      const listed = list.body.data.find((item: { id: string }) => item.id === id);
      expect(Object.keys(listed).sort()).toEqual(['created_at', 'id', 'last_used_at', 'name', 'prefix', 'role']);
      expect(JSON.stringify(list.body)).not.toContain(key);

      const fetched = await request(platform.http).get(`/v1/api-keys/${id}`).set(admin);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(listed);

      const used = await request(platform.http).post('/v1/accounts').set(bearer(key)).send(newAccount());
      expect(used.status).toBe(201);
      expectProblem(await request(platform.http).get('/v1/api-keys').set(bearer(key)), 403, 'forbidden');
      const afterUse = await request(platform.http).get(`/v1/api-keys/${id}`).set(admin);
      expect(Date.parse(afterUse.body.last_used_at)).not.toBeNaN();

      const revoked = await request(platform.http).delete(`/v1/api-keys/${id}`).set(admin);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id, name: 'CRM sync', role: 'billing_admin' });
      expect(Date.parse(revoked.body.revoked_at)).not.toBeNaN();
      expect(revoked.body).not.toHaveProperty('key');

      expectProblem(await request(platform.http).get('/v1/accounts').set(bearer(key)), 401, 'unauthenticated');
      const listAfter = await request(platform.http).get('/v1/api-keys').set(admin);
      expect(listAfter.body.data.map((item: { id: string }) => item.id)).not.toContain(id);
      expectProblem(await request(platform.http).get(`/v1/api-keys/${id}`).set(admin), 404, 'not_found');
      expectProblem(await request(platform.http).delete(`/v1/api-keys/${id}`).set(admin), 404, 'not_found');
    });

    it('stops a key revoked through another api instance within about a second', async () => {
      const { body: created } = await createKey({ name: 'Revoked elsewhere', role: 'support_rep' });
      expect((await request(platform.http).get('/v1/accounts').set(bearer(created.key))).status).toBe(200);
      // Another instance revokes it: this one learns it from the database alone.
      await platform.api.get(DataSource).query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [created.id]);
      await new Promise((done) => setTimeout(done, 1100));
      expectProblem(await request(platform.http).get('/v1/accounts').set(bearer(created.key)), 401, 'unauthenticated');
    });

    it('audits the create and the revocation without the secret or its hash', async () => {
      const { body: created } = await createKey({ name: 'Audited key', role: 'support_rep' });
      await request(platform.http).delete(`/v1/api-keys/${created.id}`).set(admin).set('X-Request-Id', 'req-revoke-1');
      const log = await request(platform.http).get(`/v1/audit-log?resource_id=${created.id}`).set(admin);
      const [revocation, creation] = log.body.data;
      expect(creation).toMatchObject({
        action: 'create',
        resource_type: 'api_key',
        actor: { type: 'api_key', id: 'key_bootstrap', role: 'super_admin' },
        before: null,
        after: { id: created.id, name: 'Audited key', role: 'support_rep', prefix: created.prefix },
      });
      expect(revocation).toMatchObject({
        action: 'delete',
        request_id: 'req-revoke-1',
        before: { id: created.id },
        after: { id: created.id, revoked_at: expect.any(String) },
      });
      const hash = createHash('sha256').update(created.key).digest('hex');
      const serialized = JSON.stringify(log.body);
      expect(serialized).not.toContain(created.key);
      expect(serialized).not.toContain(hash);
      expect(serialized).not.toContain('secret_hash');
    });

    it('refuses an unknown role, a missing name and unknown fields with 422', async () => {
      const response = await createKey({ role: 'owner', scopes: ['*'] });
      expectProblem(response, 422, 'validation_failed');
      const fields = new Set(response.body.errors.map((error: { field: string }) => error.field));
      expect([...fields].sort()).toEqual(['name', 'role', 'scopes']);
    });

    it('pages through keys newest first', async () => {
      for (let i = 0; i < 3; i++) await createKey({ name: `Paged ${i}`, role: 'finance_viewer' });
      const first = await request(platform.http).get('/v1/api-keys?limit=2').set(admin);
      expect(first.body.data.map((item: { name: string }) => item.name)).toEqual(['Paged 2', 'Paged 1']);
      expect(first.body.has_more).toBe(true);
      const second = await request(platform.http).get(`/v1/api-keys?limit=2&cursor=${first.body.next_cursor}`).set(admin);
      expect(second.body.data[0].name).toBe('Paged 0');
    });
  });

  describe('roles', () => {
    let accountId: string;
    const keys = {} as Record<Role, string>;

    beforeAll(async () => {
      for (const role of ROLES) keys[role] = await keyWithRole(role);
      accountId = (await request(platform.http).post('/v1/accounts').set(admin).send(newAccount('Role target'))).body.id;
    });

    const calls = {
      'GET /v1/accounts (read)': (credential: string) => request(platform.http).get('/v1/accounts').set(bearer(credential)),
      'PATCH /v1/accounts/{id} (supportWrite)': (credential: string) =>
        request(platform.http).patch(`/v1/accounts/${accountId}`).set(bearer(credential)).send({ name: 'Renamed' }),
      'POST /v1/accounts (billingWrite)': (credential: string) =>
        request(platform.http).post('/v1/accounts').set(bearer(credential)).send(newAccount()),
      'GET /v1/api-keys (admin)': (credential: string) => request(platform.http).get('/v1/api-keys').set(bearer(credential)),
    };
    type Call = keyof typeof calls;

    it.each<[Role, Call, number]>([
      ['super_admin', 'GET /v1/api-keys (admin)', 200],
      ['super_admin', 'POST /v1/accounts (billingWrite)', 201],
      ['billing_admin', 'POST /v1/accounts (billingWrite)', 201],
      ['billing_admin', 'GET /v1/api-keys (admin)', 403],
      ['support_rep', 'PATCH /v1/accounts/{id} (supportWrite)', 200],
      ['support_rep', 'POST /v1/accounts (billingWrite)', 403],
      ['finance_viewer', 'GET /v1/accounts (read)', 200],
      ['finance_viewer', 'PATCH /v1/accounts/{id} (supportWrite)', 403],
    ])('%s: %s answers %i', async (role, call, status) => {
      const response = await calls[call](keys[role]);
      if (status === 403) expectProblem(response, 403, 'forbidden');
      else expect(response.status).toBe(status);
    });

    it('lets only super_admin create keys, so no role can hand itself more rights', async () => {
      const response = await request(platform.http)
        .post('/v1/api-keys')
        .set(bearer(keys.billing_admin))
        .send({ name: 'x', role: 'super_admin' });
      expectProblem(response, 403, 'forbidden');
    });
  });

  describe('JWT', () => {
    it('accepts an RS256 token with its role and audits its subject as the actor', async () => {
      const token = rs256(signingKeys.privateKey, claims({ sub: 'user_jwt_1', role: 'billing_admin' }));
      const created = await request(platform.http).post('/v1/accounts').set(bearer(token)).send(newAccount('By JWT'));
      expect(created.status).toBe(201);
      const log = await request(platform.http).get(`/v1/audit-log?resource_id=${created.body.id}`).set(admin);
      expect(log.body.data[0].actor).toEqual({ type: 'jwt', id: 'user_jwt_1', role: 'billing_admin' });
    });

    it('checks the role of a token like that of a key', async () => {
      const token = rs256(signingKeys.privateKey, claims({ role: 'finance_viewer' }));
      expect((await request(platform.http).get('/v1/accounts').set(bearer(token))).status).toBe(200);
      expectProblem(await request(platform.http).post('/v1/accounts').set(bearer(token)).send(newAccount()), 403, 'forbidden');
    });

    it.each<[string, () => string]>([
      ['expired', () => rs256(signingKeys.privateKey, claims({ iat: nowSeconds() - 600, exp: nowSeconds() - 60 }))],
      ['unsigned (alg none)', () => unsigned(claims())],
      ['HS256 with the public key PEM as the secret', () => hs256(publicPem, claims())],
      ['HS256 with an ordinary secret', () => hs256('shared-secret', claims())],
      ['signed by another key', () => rs256(otherKeys.privateKey, claims())],
      ['from another issuer', () => rs256(signingKeys.privateKey, claims({ iss: 'https://evil.example.test/' }))],
      ['for another audience', () => rs256(signingKeys.privateKey, claims({ aud: 'another-api' }))],
      ['with an unknown role', () => rs256(signingKeys.privateKey, claims({ role: 'admin' }))],
      ['without a role', () => rs256(signingKeys.privateKey, claims({ role: undefined }))],
      ['without a subject', () => rs256(signingKeys.privateKey, claims({ sub: undefined }))],
      ['without an expiry', () => rs256(signingKeys.privateKey, claims({ exp: undefined }))],
      [
        'RS256 with its payload changed after signing',
        () => {
          const [header, , signature] = rs256(signingKeys.privateKey, claims({ role: 'finance_viewer' })).split('.');
          return `${header}.${base64url(claims({ role: 'super_admin' }))}.${signature}`;
        },
      ],
    ])('refuses a token %s with 401 unauthenticated', async (_, token) => {
      expectProblem(await request(platform.http).get('/v1/accounts').set(bearer(token())), 401, 'unauthenticated');
    });

    it("keeps a JWT's Idempotency-Keys apart from those of an API key whose id is its subject", async () => {
      const key = await createKey({ name: 'namesake', role: 'billing_admin' });
      const body = newAccount('Namesake');
      const byKey = await request(platform.http).post('/v1/accounts').set(bearer(key.body.key)).set('Idempotency-Key', 'shared').send(body);
      const token = rs256(signingKeys.privateKey, claims({ sub: key.body.id, role: 'billing_admin' }));
      const byJwt = await request(platform.http).post('/v1/accounts').set(bearer(token)).set('Idempotency-Key', 'shared').send(body);
      expect([byKey.status, byJwt.status]).toEqual([201, 201]);
      expect(byJwt.headers['idempotent-replayed']).toBeUndefined();
      expect(byJwt.body.id).not.toBe(byKey.body.id);
    });
  });
});

describe('JWTs without a configured key', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('refuses every JWT with 401 and still accepts API keys', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = rs256(privateKey, claims({ role: 'super_admin' }));
    expectProblem(await request(platform.http).get('/v1/accounts').set(bearer(token)), 401, 'unauthenticated');
    expect((await request(platform.http).get('/v1/accounts').set(admin)).status).toBe(200);
  });
});

describe('JWTs verified against JWT_JWKS_URL', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let jwks: Server;
  let fetches = 0;
  let platform: TestPlatform;

  beforeAll(async () => {
    jwks = createServer((_, response) => {
      fetches++;
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' }] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    platform = await startTestPlatform({ JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, JWT_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await platform.close();
    if (jwks.listening) await new Promise((resolve) => jwks.close(resolve));
  });

  it('accepts tokens signed by a key of the set, fetching the set once', async () => {
    for (const role of ['finance_viewer', 'support_rep', 'finance_viewer'] as const) {
      const token = rs256(privateKey, claims({ role }), { kid: 'key-1' });
      expect((await request(platform.http).get('/v1/accounts').set(bearer(token))).status).toBe(200);
    }
    expect(fetches).toBe(1);
  });

  it('refuses a token signed by another key under a known kid, and one with an unknown kid', async () => {
    const forged = rs256(other.privateKey, claims(), { kid: 'key-1' });
    const unknownKid = rs256(other.privateKey, claims(), { kid: 'key-9' });
    expectProblem(await request(platform.http).get('/v1/accounts').set(bearer(forged)), 401, 'unauthenticated');
    expectProblem(await request(platform.http).get('/v1/accounts').set(bearer(unknownKid)), 401, 'unauthenticated');
  });

  it('answers 503 when the key set cannot be fetched for a key it has not cached', async () => {
    await new Promise((resolve) => jwks.close(resolve));
    const token = rs256(privateKey, claims(), { kid: 'key-2' });
    expectProblem(await request(platform.http).get('/v1/accounts').set(bearer(token)), 503, 'jwks_unavailable');
    const cached = rs256(privateKey, claims(), { kid: 'key-1' });
    expect((await request(platform.http).get('/v1/accounts').set(bearer(cached))).status).toBe(200);
  });
});
