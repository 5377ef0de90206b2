import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUE_SCHEMA } from '@billing/core';
import { runMigrations } from 'bullmq';
import { Client } from 'pg';
import { migrate } from '../../migrations';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../scripts/embedded-postgres';

/**
 * A migrated PostgreSQL of a test file's own (embedded, in a temporary directory), for tests that stop or
 * stall it: the suite's shared server is never touched. As database-stall.e2e-spec.ts does.
 */
export interface OwnPostgres {
  url: string;
  /** SIGSTOP to the postmaster and all its backends: connections are accepted, nothing answers until resume(). */
  stall(): { resume(): void; readonly resumedAt: number };
  stop(): Promise<void>;
}

export async function startOwnPostgres(name: string): Promise<OwnPostgres> {
  const directory = mkdtempSync(join(tmpdir(), `billing-${name}-`));
  chmodSync(directory, 0o755); // PostgreSQL runs as the postgres user when we are root
  let server: EmbeddedDatabase;
  try {
    server = await startEmbeddedPostgres(join(directory, 'pg'), await freePort(), 'billing');
    await migrate(server.url);
    const client = new Client({ connectionString: server.url });
    await client.connect();
    await runMigrations(client, QUEUE_SCHEMA);
    await client.end();
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    stall: () => stallPostgres(server.clusterDir),
    async stop() {
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function stallPostgres(dataDirectory: string) {
  const postmaster = Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  signal(postmaster, 'SIGSTOP'); // first, so that it forks nothing new while its children are listed
  const children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(Number);
  for (const pid of children) signal(pid, 'SIGSTOP');
  let resumedAt = Infinity;
  return {
    get resumedAt() {
      return resumedAt;
    },
    resume() {
      if (resumedAt !== Infinity) return;
      for (const pid of [postmaster, ...children]) signal(pid, 'SIGCONT');
      resumedAt = Date.now();
    },
  };
}

/** A backend may exit between being listed and being signalled. */
function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
