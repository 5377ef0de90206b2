import { startTestPlatform, TestPlatform } from '@billing/testing';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';

interface LintProblem {
  severity: 'error' | 'warn';
  rule: string;
  message: string;
  where?: string;
}

describe('OpenAPI document', () => {
  let platform: TestPlatform;
  let document: {
    servers: { url: string }[];
    paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    document = (await request(platform.http).get('/docs-json')).body;
  });
  afterAll(() => platform.close());

  it('is served relative to whatever host serves it (server `/`), so that Swagger UI works from any host name', async () => {
    expect(document.servers.map((server) => server.url)).toEqual(['/']);
    const elsewhere = await request(platform.http).get('/docs-json').set('Host', 'billing.internal:9000');
    expect(elsewhere.body.servers).toEqual(document.servers);
  });

  it('passes redocly lint with the recommended ruleset without errors', () => {
    const run = spawnSync(process.execPath, [resolve(__dirname, 'support/redocly-lint.mjs')], {
      input: JSON.stringify(document),
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const problems: LintProblem[] = JSON.parse(run.stdout);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('gives every operation an id and declares bearer security on every /v1 route', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(`${method} ${path} ${operation.operationId ?? 'missing'}`).not.toMatch(/ missing$/);
        if (path.startsWith('/v1/'))
          expect({ path, method, security: operation.security }).toEqual({ path, method, security: [{ bearer: [] }] });
      }
    }
  });
});
