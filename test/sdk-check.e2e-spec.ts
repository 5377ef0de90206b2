import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportOpenApiDocument } from '../scripts/export-openapi';

const ROOT = resolve(__dirname, '..');

/**
 * `npm run sdk:check` (CI runs it on the real document) fails on a document broken the ways issue 18 found
 * it: a request default that makes a field required, an error answer without its Problem schema, a tag
 * without a description. Each is reported by the step that must catch it.
 */
describe('sdk:check on a broken document', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdk-check-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails, naming the broken rules, the scenarios that no longer type-check, the stale client and the lint warning', async () => {
    const document = JSON.parse(JSON.stringify(await exportOpenApiDocument()));
    // openapi-typescript makes a property with a default required: an account needs a time zone again.
    document.components.schemas.CreateAccountDto.properties.timezone.default = 'UTC';
    // An error answer without a body schema: a generated client cannot read the problem's `code`.
    delete document.paths['/v1/accounts/{id}'].get.responses['404'].content;
    // Spectral's operation-tag-defined / tag-description.
    document.tags = document.tags.filter((tag: { name: string }) => tag.name !== 'Accounts');
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(document));

    const check = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/sdk/check.ts', '--document', file], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
    });
    const kept = /its files are in (\S+)/.exec(check.stderr)?.[1];
    if (kept) rmSync(resolve(ROOT, kept), { recursive: true, force: true });

    expect(check.status).toBe(1);
    expect(check.stderr).toContain('✗ type-check the scenarios');
    expect(check.stderr).toMatch(/openapi-typescript\.ts\(\d+,\d+\): error TS2322: .*timezone/);
    expect(check.stderr).toMatch(/hey-api\.ts\(\d+,\d+\): error TS2339: Property 'code' does not exist/);
    expect(check.stderr).toContain(
      'POST /v1/accounts: a request default (#/components/schemas/CreateAccountDto/properties/timezone/default)',
    );
    expect(check.stderr).toContain('GET /v1/accounts/{id}: the 404 answer is not described by the Problem schema');
    expect(check.stderr).toContain('✗ our own client');
    expect(check.stderr).toMatch(/✗ spectral lint \(spectral:oas\)\noperation-tag-defined at paths\.\/v1\/accounts/);
  });
});
