import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exportOpenApiDocument } from '../export-openapi';
import { documentRuleViolations } from './document-rules';
import { CLIENT_SCHEMA, generateOpenApiTypescript, ROOT, run } from './tools';

/**
 * `npm run sdk:check`: the OpenAPI document (exported without a server, or `--document <file>`) keeps the rules
 * of document-rules.ts and lints clean (Redocly's recommended ruleset: no error; Spectral's spectral:oas: no
 * warning), three popular generators turn it into clients with their default options, a scenario written for
 * each type-checks against its output, and our own client's generated types are those of this document. Works in .sdk-check/ (gitignored:
 * the scenarios resolve openapi-fetch and axios from node_modules), kept on failure for a look.
 */
interface Failure {
  step: string;
  output: string;
}

const SCENARIOS = join(__dirname, 'scenarios');
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ['*.ts', 'generated/**/*.ts'],
};

async function lintWithRedocly(document: string): Promise<Failure[]> {
  const lint = await run('node', ['test/support/redocly-lint.mjs'], { input: readFileSync(document, 'utf8') });
  if (!lint.ok) return [{ step: 'redocly lint', output: lint.output }];
  const errors = (JSON.parse(lint.output) as { severity: string; rule: string; message: string; where?: string }[]).filter(
    (problem) => problem.severity === 'error',
  );
  return errors.map((error) => ({ step: 'redocly lint (recommended)', output: `${error.rule} at ${error.where}: ${error.message}` }));
}

async function lintWithSpectral(document: string): Promise<Failure[]> {
  const lint = await run('spectral', ['lint', document, '--ruleset', join(__dirname, 'spectral.yaml'), '--format', 'json', '--quiet']);
  const json = lint.output.slice(lint.output.indexOf('['));
  let results: { code: string; message: string; path: string[] }[];
  try {
    results = JSON.parse(json);
  } catch {
    return [{ step: 'spectral lint', output: lint.output }];
  }
  return results.map((result) => ({
    step: 'spectral lint (spectral:oas)',
    output: `${result.code} at ${result.path.join('.')}: ${result.message}`,
  }));
}

/** Each generator with its default options, into generated/<name>. */
async function generate(document: string, dir: string): Promise<Failure[]> {
  const out = (name: string) => join(dir, 'generated', name);
  const runs = await Promise.all([
    generateOpenApiTypescript(document, join(out('openapi-typescript'), 'schema.d.ts')).then(
      (result) => ['openapi-typescript', result] as const,
    ),
    run('openapi-ts', ['--input', document, '--output', out('hey-api')]).then((result) => ['@hey-api/openapi-ts', result] as const),
    run('orval', ['--input', document, '--output', join(out('orval'), 'api.ts')]).then((result) => ['orval', result] as const),
  ]);
  return runs.filter(([, result]) => !result.ok).map(([step, result]) => ({ step: `generate with ${step}`, output: result.output }));
}

function compareOwnClient(dir: string): Failure[] {
  const fresh = readFileSync(join(dir, 'generated/openapi-typescript/schema.d.ts'), 'utf8');
  const committed = existsSync(CLIENT_SCHEMA) ? readFileSync(CLIENT_SCHEMA, 'utf8') : '';
  if (fresh === committed) return [];
  return [
    {
      step: 'our own client',
      output: `${relative(ROOT, CLIENT_SCHEMA)} is out of date with the document: run \`npm run sdk:generate\` and commit it.`,
    },
  ];
}

async function typeCheckScenarios(dir: string): Promise<Failure[]> {
  for (const file of readdirSync(SCENARIOS)) cpSync(join(SCENARIOS, file), join(dir, file));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  const check = await run('tsc', ['-p', join(dir, 'tsconfig.json')]);
  return check.ok ? [] : [{ step: 'type-check the scenarios', output: check.output }];
}

async function main() {
  const started = Date.now();
  const given = process.argv.indexOf('--document');
  mkdirSync(join(ROOT, '.sdk-check'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.sdk-check', 'run-'));
  const document = given > 0 ? process.argv[given + 1] : join(dir, 'openapi.json');
  if (given < 0) writeFileSync(document, `${JSON.stringify(await exportOpenApiDocument(), null, 2)}\n`);

  const [redocly, spectral, generated] = await Promise.all([
    lintWithRedocly(document),
    lintWithSpectral(document),
    generate(document, dir),
  ]);
  const rules = documentRuleViolations(JSON.parse(readFileSync(document, 'utf8'))).map((output) => ({ step: 'document rules', output }));
  const failures = [...rules, ...redocly, ...spectral, ...generated];
  if (generated.length === 0) failures.push(...compareOwnClient(dir), ...(await typeCheckScenarios(dir)));

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(
      `sdk:check passed in ${seconds} s: document rules kept; redocly and spectral clean; openapi-typescript, @hey-api/openapi-ts and orval scenarios type-check; packages/client up to date\n`,
    );
    return;
  }
  for (const step of new Set(failures.map((failure) => failure.step))) {
    const outputs = failures.filter((failure) => failure.step === step).map((failure) => failure.output.trim());
    process.stderr.write(`✗ ${step}\n${outputs.join('\n')}\n\n`);
  }
  process.stderr.write(`sdk:check failed in ${seconds} s (${failures.length} problems); its files are in ${relative(ROOT, dir)}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`sdk:check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
