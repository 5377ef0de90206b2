import { loadConfig } from '@billing/core';
import { migrate } from '../migrations';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (production deploys run it before rollout). */
async function main() {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const applied = await migrate(databaseUrl);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
