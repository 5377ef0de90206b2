import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from 'bullmq';
import { Client } from 'pg';
import { migrate } from '../../../migrations';
import { startEmbeddedPostgres } from '../../../scripts/embedded-postgres';
import type { TestPostgres } from './global-teardown';
import { QUEUE_SCHEMA } from '../../core/src/queue/queues';
import { databaseUrl, TEMPLATE_DATABASE, TEST_SERVER_URL_VARIABLE, withAdminClient } from './test-postgres';

/**
 * Once per jest run: a PostgreSQL (the one in TEST_DATABASE_URL, or an embedded one in a temporary
 * directory) and a template database with every migration applied, BullMQ's schema included.
 */
export default async function globalSetup() {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // Made reachable by everyone, so that as root (PostgreSQL then runs as the postgres user) the cluster
    // lives in it too, and the teardown removes it whole.
    const directory = mkdtempSync(join(tmpdir(), 'billing-test-'));
    chmodSync(directory, 0o755);
    const server = await startEmbeddedPostgres(directory, await freePort(), 'postgres');
    (globalThis as { testPostgres?: TestPostgres }).testPostgres = { server, directory };
    serverUrl = server.url;
  }
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  const templateUrl = databaseUrl(serverUrl, TEMPLATE_DATABASE);
  await migrate(templateUrl);
  const client = new Client({ connectionString: templateUrl });
  await client.connect();
  await runMigrations(client, QUEUE_SCHEMA);
  await client.end();
  process.env[TEST_SERVER_URL_VARIABLE] = serverUrl;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
