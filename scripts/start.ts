import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@billing/core';
import { migrate } from '../migrations';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * `npm start`: the api and the scheduler on the embedded defaults. Without DATABASE_URL it runs a real
 * PostgreSQL under .data/ (stopped on Ctrl-C, after the apps); without REDIS_URL the job queue lives in
 * PostgreSQL too. Production runs the two apps separately (npm run start:api / start:scheduler).
 */
async function main() {
  const config = loadConfig();
  const env: NodeJS.ProcessEnv = { ...process.env };
  let database: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!config.databaseUrl) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    database = await startEmbeddedPostgres(config.dataDir, port, 'billing', { log });
    env.DATABASE_URL = database.url;
    log(`embedded PostgreSQL on 127.0.0.1:${port}, data in ${database.clusterDir}, superuser password in ${database.passwordFile}`);
  }
  const applied = await migrate(env.DATABASE_URL as string);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);

  const children = [run('api', 'apps/api/src/main.js', env), run('scheduler', 'apps/scheduler/src/main.js', env)];
  const stopChildren = () => Promise.all(children.map(stopChild)).then(() => undefined);

  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await stopChildren();
    await database?.stop();
    process.exit(code);
  };
  for (const child of children) {
    child.on('exit', (code) => {
      if (!shuttingDown) {
        log(`a process exited (code ${code}); stopping the rest`);
        void shutdown(code || 1);
      }
    });
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  log(`API on http://localhost:${config.port} (docs at /docs)`);
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--enable-source-maps', resolve(__dirname, '..', entry)], { env, stdio: 'inherit' });
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

function log(message: string) {
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), name: 'launcher', msg: message })}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm start failed: ${message}\n`);
  process.exit(1);
});
