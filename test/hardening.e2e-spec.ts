import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { connect } from 'node:net';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const REQUEST_TIMEOUT_SECONDS = 2;

function expectProblem(response: request.Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  if (code) expect(response.body.code).toBe(code);
}

/** Raw HTTP over a socket: what a slow, malformed or oversized client sends. Answers what came back. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (data) => (received += data.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(text));
  });
}

/** The probe's findings, each with the input it used: a clear 4xx, never a 500 or a hang. */
describe('Hardening', () => {
  let platform: TestPlatform;
  let port: number;

  beforeAll(async () => {
    platform = await startTestPlatform({ REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_SECONDS) });
    await platform.api.listen({ port: 0, host: '127.0.0.1' });
    port = (platform.api.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => platform.close());

  const api = () => request(platform.http);
  const post = (path: string, body: string, type = 'application/json') => api().post(path).set(auth).set('Content-Type', type).send(body);

  describe('bodies', () => {
    it.each([
      ['a NUL in a stored string', '{"name":"a\\u0000b","email":"a@x.test","currency":"EUR"}', 'name'],
      [
        'a lone surrogate in a nested field',
        '{"name":"a","email":"a@x.test","currency":"EUR","address":{"city":"\\ud800"}}',
        'address.city',
      ],
      ['a NUL in a metadata key', '{"name":"a","email":"a@x.test","currency":"EUR","metadata":{"k\\u0000":"v"}}', 'metadata.k\u0000'],
      ['a duplicate key', '{"name":"a","email":"a@x.test","currency":"EUR","name":"b"}', 'name'],
      ['JSON nested 10 000 levels deep', `{"name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, `name${'[0]'.repeat(31)}`],
      ['a null body', 'null', 'body'],
      ['an array body', '[]', 'body'],
      ['an address that is an array', '{"name":"a","email":"a@x.test","currency":"EUR","address":[]}', 'address'],
    ])('refuses %s with 422 naming the field, and stores nothing', async (_case, body, field) => {
      const before = (await api().get('/v1/accounts?limit=100').set(auth)).body.data.length;
      const response = await post('/v1/accounts', body);
      expectProblem(response, 422, 'validation_failed');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect((await api().get('/v1/accounts?limit=100').set(auth)).body.data.length).toBe(before);
    });

    it('refuses another content type with 415 and a body on a route that takes none with 422', async () => {
      const account = await api().post('/v1/accounts').set(auth).send({ name: 'B', email: 'b@x.test', currency: 'EUR' });
      await api()
        .post('/v1/plans')
        .set(auth)
        .send({ code: 'h-plan', name: 'H', interval: 'month', prices: [{ currency: 'EUR', amount: 100 }] });
      const subscription = await api().post('/v1/subscriptions').set(auth).send({ account_id: account.body.id, plan_code: 'h-plan' });
      expectProblem(await post(`/v1/subscriptions/${subscription.body.id}/resume`, 'resume please', 'text/plain'), 415);
      const resumed = await api().post(`/v1/subscriptions/${subscription.body.id}/resume`).set(auth).send({ at_once: true });
      expectProblem(resumed, 422, 'validation_failed');
      expectProblem(await api().post(`/v1/invoices/inv_none/void`).set(auth).send({ reason: 'x' }), 422, 'validation_failed');
    });

    it('refuses a change to the same plan and quantity with 422 nothing_to_change', async () => {
      const account = await api().post('/v1/accounts').set(auth).send({ name: 'N', email: 'n@x.test', currency: 'EUR' });
      await api()
        .post('/v1/plans')
        .set(auth)
        .send({ code: 'same', name: 'Same', interval: 'month', prices: [{ currency: 'EUR', amount: 100 }] });
      const subscription = await api().post('/v1/subscriptions').set(auth).send({ account_id: account.body.id, plan_code: 'same' });
      const change = await api()
        .post(`/v1/subscriptions/${subscription.body.id}/change`)
        .set(auth)
        .send({ plan_code: 'same', quantity: 1 });
      expectProblem(change, 422, 'nothing_to_change');
    });

    it('refuses a negative usage value', async () => {
      await api().post('/v1/metrics').set(auth).send({ code: 'gb', name: 'GB', aggregation: 'sum', field: 'gb' });
      const response = await api()
        .post('/v1/usage')
        .set(auth)
        .send({
          events: [{ id: 'neg-1', account_id: 'acct_x', metric_code: 'gb', timestamp: new Date().toISOString(), properties: { gb: -5 } }],
        });
      expectProblem(response, 422, 'validation_failed');
    });
  });

  describe('paths, filters and cursors', () => {
    // %ED%A0%80 is U+D800 (a lone surrogate) as UTF-8, which is not valid UTF-8.
    it.each([
      '/v1/accounts/%00',
      '/v1/subscriptions/a%00b',
      '/v1/invoices/%ED%A0%80',
      '/v1/accounts/%E0%A4%A',
      `/v1/accounts/${'x'.repeat(300)}`,
    ])('answers %s with a 4xx problem, not a 500', async (path) => {
      const response = await api().get(path).set(auth);
      expect([400, 404, 414]).toContain(response.status);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });

    it('refuses a NUL in a list filter with 422 naming it', async () => {
      const response = await api().get('/v1/accounts?email=%00').set(auth);
      expectProblem(response, 422, 'validation_failed');
      expect(response.body.errors[0].field).toBe('email');
    });

    it.each([
      Buffer.from(JSON.stringify(['+275760-09-13T00:00:00.000Z', 'acct_1'])).toString('base64url'),
      Buffer.from(JSON.stringify(['0000-01-01T00:00:00.000Z', 'acct_1'])).toString('base64url'),
    ])('refuses a tampered cursor %s with 422', async (cursor) => {
      expectProblem(await api().get(`/v1/accounts?cursor=${cursor}`).set(auth), 422, 'validation_failed');
    });
  });

  describe('connections', () => {
    it('answers 408 to a body that never completes, and 401 at once without credentials', async () => {
      const slow = await rawExchange(
        port,
        `POST /v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_BOOTSTRAP_KEY}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`,
      );
      expect(slow).toMatch(/^HTTP\/1.1 408/);
      // Answered 401 (not 408): the body was never waited for.
      const anonymous = await rawExchange(
        port,
        'POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na',
      );
      expect(anonymous).toMatch(/^HTTP\/1.1 401/);
      expect(anonymous).toContain('application/problem+json');
    });

    it('answers headers over 16 KiB with 431 problem+json', async () => {
      const answer = await rawExchange(port, `GET /v1/accounts HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1.1 431/);
      expect(answer).toContain('"code":"headers_too_large"');
    });
  });

  describe('headers', () => {
    it('sends nosniff and no-store on the API, and a CSP that forbids framing on /docs', async () => {
      const account = await api().get('/v1/accounts').set(auth);
      expect(account.headers['x-content-type-options']).toBe('nosniff');
      expect(account.headers['cache-control']).toBe('no-store');
      const docs = await api().get('/docs');
      expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(docs.headers['x-frame-options']).toBe('DENY');
    });
  });

  describe('the OpenAPI document', () => {
    it('types every number as an integer (amounts are minor units), but the usage value, which may be fractional', async () => {
      const document = (await api().get('/docs-json')).body;
      const numbers: string[] = [];
      const walk = (node: unknown, path: string) => {
        if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${path}[${index}]`));
        else if (node && typeof node === 'object') {
          if ((node as { type?: string }).type === 'number') numbers.push(path);
          for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`);
        }
      };
      walk(document, '');
      expect(numbers.filter((path) => !path.includes('.value.oneOf'))).toEqual([]);
    });
  });
});

describe('Failed authentication', () => {
  it('refuses an address with 429 after 100 failed authentications in an hour, even with a good key', async () => {
    const platform = await startTestPlatform();
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 101; attempt++) {
        statuses.push(
          (
            await request(platform.http)
              .get('/v1/accounts')
              .set({ Authorization: `Bearer wrong_${attempt}` })
          ).status,
        );
      }
      expect(statuses.slice(0, 100).every((status) => status === 401)).toBe(true);
      const refused = await request(platform.http).get('/v1/accounts').set(auth);
      expectProblem(refused, 429, 'rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await platform.close();
    }
  });
});
