import 'reflect-metadata';
import { loadConfig } from '@billing/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { writeFileSync } from 'node:fs';
import { ApiModule } from '../apps/api/src/api.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi';

/**
 * The OpenAPI document /docs-json serves, without a database: the api module in preview mode resolves its
 * routes but instantiates no provider. The test clock's routes are included (described as available with
 * BILLING_CLOCK=test), as the tests' api has them.
 */
export async function exportOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ BILLING_CLOCK: 'test', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** `node -r @swc-node/register scripts/export-openapi.ts [file]`: writes it to `file`, else to stdout. */
async function main() {
  const json = `${JSON.stringify(await exportOpenApiDocument(), null, 2)}\n`;
  if (process.argv[2]) writeFileSync(process.argv[2], json);
  else process.stdout.write(json);
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`export-openapi failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
