import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ownershipViolations, ownershipViolationsIn, productionSources } from '../scripts/table-ownership';

const ROOT = resolve(__dirname, '..');
const FRAMEWORKS = /node_modules\/(@nestjs|typeorm|pg|pg-pool|bullmq|ioredis|fastify|@fastify|stripe|ajv|rxjs)\//;

/** The boundaries of ARCHITECTURE.md, checked on the code itself. */
describe('Architecture', () => {
  const pureSurfaces = [
    'libs/kernel/src/index.ts',
    ...readdirSync(join(ROOT, 'libs')).map((lib) => `libs/${lib}/src/domain/index.ts`),
  ].filter((path) => {
    try {
      return statSync(join(ROOT, path)).isFile();
    } catch {
      return false;
    }
  });

  it.each(pureSurfaces)('loads %s in a fresh process without any framework, driver or HTTP module', (path) => {
    const loaded = execFileSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        '-e',
        `require(${JSON.stringify(join(ROOT, path))}); console.log(Object.keys(require.cache).join('\\n'))`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(loaded.split('\n').filter((module) => FRAMEWORKS.test(module))).toEqual([]);
  });

  it('names each table in SQL only in the lib that owns it (migrations/table-owners.ts)', () => {
    expect(ownershipViolationsIn(ROOT, [...productionSources(ROOT, 'libs'), ...productionSources(ROOT, 'apps')])).toEqual([]);
  });

  it('catches a deliberate ownership violation, and not a CTE of the same name', () => {
    expect(ownershipViolations('libs/invoicing/src/x.ts', 'await manager.query(`UPDATE accounts SET credit_balance = 0`);')).toEqual([
      { file: 'libs/invoicing/src/x.ts', table: 'accounts', owner: 'accounts' },
    ]);
    expect(ownershipViolations('libs/usage/src/x.ts', 'WITH events AS (INSERT INTO usage_events …) SELECT count(*) FROM events')).toEqual(
      [],
    );
    expect(ownershipViolations('libs/usage/src/x.ts', "@Entity('subscriptions') class X {}")).toEqual([
      { file: 'libs/usage/src/x.ts', table: 'subscriptions', owner: 'subscriptions' },
    ]);
  });

  it('fails the lint on a deliberate purity violation: a domain file reaching the framework through another lib', () => {
    const violation = join('libs/catalog/src/domain', `deliberate-violation-${process.pid}.ts`);
    writeFileSync(join(ROOT, violation), "import { Outbox } from '@billing/core';\nexport const leak = Outbox;\n");
    try {
      const run = spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), violation, '--config', '.dependency-cruiser.js'],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      expect(run.status).not.toBe(0);
      expect(run.stdout).toContain('domain-imports-kernel-and-domains-only');
      expect(run.stdout).toContain('domain-free-of-infrastructure');
    } finally {
      rmSync(join(ROOT, violation), { force: true });
    }
  });
});
