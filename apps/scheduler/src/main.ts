// First: tracing must hook http, pg and ioredis before anything below loads them.
import './telemetry/tracing';
import 'reflect-metadata';
import { loadConfig } from '@billing/core';
import { migrate } from '../../../migrations';
import { createSchedulerApp } from './bootstrap';

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required (npm start provides an embedded PostgreSQL)');
  await migrate(config.databaseUrl);
  await createSchedulerApp(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`scheduler failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
