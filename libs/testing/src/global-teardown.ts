import { rmSync } from 'node:fs';
import type { EmbeddedDatabase } from '../../../scripts/embedded-postgres';

/** The embedded PostgreSQL of the global setup and the temporary directory that holds it. */
export interface TestPostgres {
  server: EmbeddedDatabase;
  directory: string;
}

export default async function globalTeardown() {
  const started = (globalThis as { testPostgres?: TestPostgres }).testPostgres;
  if (!started) return;
  await started.server.stop();
  rmSync(started.directory, { recursive: true, force: true });
}
