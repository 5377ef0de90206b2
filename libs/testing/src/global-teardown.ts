import type { EmbeddedDatabase } from '../../../scripts/embedded-postgres';

export default async function globalTeardown() {
  await (globalThis as { testPostgres?: EmbeddedDatabase }).testPostgres?.stop();
}
