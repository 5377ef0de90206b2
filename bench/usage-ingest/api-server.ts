import 'reflect-metadata';
import { loadConfig } from '@billing/core';
import { createApiApp } from '../../apps/api/src/bootstrap';

/**
 * The real api, as production builds it (createApiApp), in a process of its own so that the benchmark can
 * measure its CPU apart from the clients'. Listens on 127.0.0.1 only; tells the parent its port over IPC.
 */
async function main() {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen({ port: config.port, host: '127.0.0.1' });
  // SIGTERM closes the app (createApiApp enables Nest's shutdown hooks).
  process.send?.({ ready: true, port: config.port });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
