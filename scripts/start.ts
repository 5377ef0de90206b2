import { ChildProcess, spawn } from 'node:child_process';
import { extname, resolve } from 'node:path';
import { Client } from 'pg';
import { ConfigError, loadConfig } from '@billing/core';
import { createFirstApiKey, SqlQuery, withdrawFirstApiKey } from '../libs/auth/src/api-keys/first-api-key';
import { migrate } from '../migrations';
import { assertPortFree, EmbeddedDatabase, EmbeddedPostgresError, PortInUseError, startEmbeddedPostgres } from './embedded-postgres';

/** A failure at start that the message alone explains: printed without a stack. */
class StartError extends Error {}

/**
 * `npm start`: the api and the scheduler on the embedded defaults. Without DATABASE_URL it runs a real
 * PostgreSQL under DATA_DIR (stopped on Ctrl-C, after the apps); without REDIS_URL the job queue lives in
 * PostgreSQL too. Production runs the two apps separately (npm run start:api / start:scheduler).
 *
 * The apps and PostgreSQL each run in a session of their own, so that a terminal's Ctrl-C reaches this
 * launcher alone: it stops the apps (SIGTERM, each once) and then PostgreSQL, in that order, and exits 0.
 */
const children: ChildProcess[] = [];
let database: Promise<EmbeddedDatabase | undefined> = Promise.resolve(undefined);
let databaseUrl: string | undefined;
/** The first super_admin key, made by this start (null when keys exist), and whether it has been shown. */
let firstKey: Promise<string | null> = Promise.resolve(null);
let firstKeyShown = false;
let stopping: Promise<void> | undefined;
/** Set once the api answers on its port. */
let ready = false;

async function main() {
  const config = loadConfig();
  if (config.port === 0) throw new ConfigError('PORT', 'must not be 0 for npm start, which waits for the api on its port');
  const pgPort = config.databaseUrl ? undefined : embeddedPostgresPort();
  // Checked before anything starts, so that a busy port costs nothing and says which variable moves it.
  await assertPortFree(config.port, '0.0.0.0', () => portInUse(config.port, 'the api', 'PORT'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

  databaseUrl = config.databaseUrl;
  if (pgPort !== undefined) {
    database = startEmbeddedPostgres(config.dataDir, pgPort, 'billing', { log }).catch((error: unknown) => {
      throw error instanceof PortInUseError ? portInUse(pgPort, 'the embedded PostgreSQL', 'EMBEDDED_PG_PORT') : error;
    });
    const started = (await database) as EmbeddedDatabase;
    databaseUrl = started.url;
    log(`embedded PostgreSQL on 127.0.0.1:${pgPort}, data in ${started.clusterDir}, superuser password in ${started.passwordFile}`);
  }
  if (stopping) return;

  const applied = await migrate(databaseUrl as string).catch((error: unknown) => {
    throw new StartError(`could not migrate the database (${where(databaseUrl as string)}): ${describe(error)}`);
  });
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  if (!config.bootstrapApiKey) firstKey = withDatabase(createFirstApiKey);
  await firstKey;
  if (stopping) return;

  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  const api = run('api', 'apps/api/src/main', env);
  run('scheduler', 'apps/scheduler/src/main', env);
  if (!(await listening(config.port, api)) || stopping) return;
  ready = true;
  process.stdout.write(banner(config.port, await firstKey));
  firstKeyShown = true;
}

/** Stops the apps, then PostgreSQL (the apps finish their work on a database that is still there). */
function stop(code: number): Promise<void> {
  return (stopping ??= (async () => {
    await Promise.all(children.map(stopChild));
    // A key made for a start that failed before showing it would lock the next start out: withdrawn.
    const unshown = firstKeyShown ? null : await firstKey.catch(() => null);
    if (unshown) await withDatabase((query) => withdrawFirstApiKey(query, unshown)).catch(() => undefined);
    const started = await database.catch(() => undefined);
    await started?.stop();
    process.exit(code);
  })());
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // The apps run as this script does: compiled (.js under dist/), or from source under a TypeScript loader
  // (the tests run `node -r @swc-node/register scripts/start.ts`).
  const file = resolve(__dirname, '..', `${entry}${extname(__filename)}`);
  const child = spawn(process.execPath, [...process.execArgv, file], { env, stdio: 'inherit', detached: true });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    const how = signal ?? `exit code ${code}`;
    process.stderr.write(
      ready
        ? `npm start: the ${name} stopped (${how}); stopping the rest\n`
        : `npm start failed: the ${name} stopped before the api was ready (${how}); its message is above\n`,
    );
    void stop(1);
  });
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Resolves true once the api answers on its port, false if it exits first. */
async function listening(port: number, api: ChildProcess): Promise<boolean> {
  while (api.exitCode === null && api.signalCode === null && !stopping) {
    const answered = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return true;
    await new Promise((wait) => setTimeout(wait, 250));
  }
  return false;
}

function banner(port: number, key: string | null): string {
  const url = `http://localhost:${port}`;
  const lines = [`Billing platform API on ${url} (docs at ${url}/docs). Ctrl-C stops it.`];
  if (key) {
    lines.push(
      '',
      'The first super_admin API key. It is shown only this once: store it now.',
      '',
      `    ${key}`,
      '',
      'Send it as a bearer token:',
      `    curl ${url}/v1/accounts -H "Authorization: Bearer ${key}"`,
      'Create keys for people and services with POST /v1/api-keys, then revoke this one',
      '(DELETE /v1/api-keys/key_bootstrap).',
    );
  }
  const rule = '='.repeat(Math.max(...lines.map((line) => line.length)) + 4);
  return `\n${rule}\n${lines.map((line) => (line ? `  ${line}` : '')).join('\n')}\n${rule}\n\n`;
}

function embeddedPostgresPort(): number {
  const raw = process.env.EMBEDDED_PG_PORT?.trim() || '54329';
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError('EMBEDDED_PG_PORT', `must be a whole number from 1 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

function portInUse(port: number, what: string, variable: string): StartError {
  return new StartError(
    `port ${port}, where ${what} listens, is already in use by another program. ` +
      `Stop that program, or choose another port: ${variable}=${port + 1} npm start`,
  );
}

async function withDatabase<T>(work: (query: SqlQuery) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work((sql, parameters) => client.query(sql, parameters).then((result) => result.rows));
  } finally {
    await client.end();
  }
}

/** host:port/database of a URL, never its password. */
function where(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

function describe(error: unknown): string {
  // A refused connection to a name with several addresses is an AggregateError with an empty message.
  if (error instanceof AggregateError && !error.message) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message || String((error as { code?: string }).code ?? error.name);
  return String(error);
}

function log(message: string) {
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), name: 'launcher', msg: message })}\n`);
}

main().catch((error: unknown) => {
  if (stopping) return; // Ctrl-C during the start: whatever it interrupted fails, and that is expected.
  const known = error instanceof ConfigError || error instanceof StartError || error instanceof EmbeddedPostgresError;
  process.stderr.write(`npm start failed: ${known ? (error as Error).message : describe(error)}\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  void stop(1);
});
