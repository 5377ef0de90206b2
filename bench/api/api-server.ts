// First, as in main.ts: with OTEL_EXPORTER_OTLP_ENDPOINT set (bench:api --tracing), tracing hooks the modules below.
import { stopTracing } from '../../apps/api/src/telemetry/tracing';
import 'reflect-metadata';
import { loadConfig } from '@billing/core';
import { createApiApp } from '../../apps/api/src/bootstrap';

/**
 * The real api, as production builds it (createApiApp), in a process of its own so that the load generator
 * does not share its event loop or its CPU accounting. Listens on 127.0.0.1; tells the parent over IPC when
 * it listens, and closes and exits on the parent's `stop` message, so that `node --cpu-prof` writes its
 * profile (a signal would end the process before the profile is written).
 */
async function main() {
  const config = loadConfig();
  const app = await createApiApp(config);
  app.getHttpAdapter().getInstance().addHook('onClose', stopTracing);
  await app.listen({ port: config.port, host: '127.0.0.1' });
  process.on('message', (message: unknown) => {
    if ((message as { stop?: boolean }).stop) void app.close().finally(() => process.exit(0));
  });
  process.send?.({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
