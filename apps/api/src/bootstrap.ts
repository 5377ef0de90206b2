import { ApiKeyAuthenticator } from '@billing/auth';
import { AppConfig } from '@billing/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { getToken } from '@willsoto/nestjs-prometheus';
import { Logger } from 'nestjs-pino';
import { Histogram } from 'prom-client';
import { ApiModule } from './api.module';
import { refuseAnonymousBeforeBody, serverOptions, useSecurityHeaders } from './http/hardening';
import { useJsonBodyParser } from './http/json-body';
import { requestIdFor } from './logging';
import { REQUEST_DURATION } from './metrics/metrics';
import { setupOpenApi } from './openapi/openapi';

/** Bodies above 1 MiB are refused with 413 (a 1000-event usage batch is well below it). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the API application (not yet listening): shared by main.ts and the end-to-end tests. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    genReqId: requestIdFor,
    ...serverOptions(config.requestTimeoutSeconds),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false, // ours: see useJsonBodyParser
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const duration = app.get<Histogram<'method' | 'route' | 'status'>>(getToken(REQUEST_DURATION));
  const fastify = app.getHttpAdapter().getInstance();
  useJsonBodyParser(fastify);
  await useSecurityHeaders(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });
  refuseAnonymousBeforeBody(fastify);
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  setupOpenApi(app);
  await app.get(ApiKeyAuthenticator).ensureBootstrapKey();
  return app;
}
