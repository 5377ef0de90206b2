import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { describeDocument } from './document';
import { TAGS } from './tags';

/**
 * The OpenAPI 3 document of `app`: what /docs-json serves and what `npm run sdk:check` exports (from an app in
 * preview mode, without a database), so that SDKs are generated from one builder.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Billing platform API')
    .setDescription(
      'Subscription billing: accounts, catalog, subscriptions, invoices, usage, payments and webhooks. ' +
        'Amounts are integers in the currency minor unit; errors are RFC 9457 problem+json with a stable `code`.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative: "Try it out" and generated clients call the host that served the document, whatever its name.
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key or an RS256 JWT with a `role` claim.' }, 'bearer');
  for (const tag of TAGS) builder.addTag(tag.name, tag.description);
  return describeDocument(SwaggerModule.createDocument(app, builder.build()));
}

/** Swagger UI at /docs and the OpenAPI 3 document at /docs-json, from which SDKs are generated. */
export function setupOpenApi(app: NestFastifyApplication) {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
