import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs and the OpenAPI 3 document at /docs-json, from which SDKs are generated. */
export function setupOpenApi(app: NestFastifyApplication) {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Billing platform API')
      .setDescription(
        'Subscription billing: accounts, catalog, subscriptions, invoices, usage, payments and webhooks. ' +
          'Amounts are integers in the currency minor unit; errors are RFC 9457 problem+json with a stable `code`.',
      )
      .setVersion('1.0.0')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // Relative: "Try it out" and generated clients call the host that served the document, whatever its name.
      .addServer('/', 'This server')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key or an RS256 JWT with a `role` claim.' }, 'bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
