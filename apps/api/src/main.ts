// First: tracing must hook http, Fastify, pg and ioredis before anything below loads them.
import { stopTracing } from './telemetry/tracing';
import 'reflect-metadata';
import { loadConfig } from '@billing/core';
import { migrate } from '../../../migrations';
import { createApiApp } from './bootstrap';

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required (npm start provides an embedded PostgreSQL)');
  await migrate(config.databaseUrl);
  const app = await createApiApp(config);
  // The server closes last when the process shuts down: the spans still buffered go out then.
  app.getHttpAdapter().getInstance().addHook('onClose', stopTracing);
  await app.listen({ port: config.port, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  process.stderr.write(`api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
