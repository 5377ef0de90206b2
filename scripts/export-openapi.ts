import 'reflect-metadata';
import { loadConfig } from '@billing/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { ApiModule } from '../apps/api/src/api.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi';

/**
 * Writes the OpenAPI document /docs-json serves to the file named by the first argument (stdout without one),
 * without a database: the api module in preview mode resolves its routes but instantiates no provider. The
 * test clock's routes are included (described as available with BILLING_CLOCK=test), as the tests' api has them.
 */
async function main() {
  const config = loadConfig({ BILLING_CLOCK: 'test', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  const json = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  if (process.argv[2]) writeFileSync(process.argv[2], json);
  else process.stdout.write(json);
}

main().catch((error: unknown) => {
  process.stderr.write(`export-openapi failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
