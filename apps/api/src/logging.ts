import { AppConfig } from '@billing/core';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request id: the caller's X-Request-Id when it is sane, else a new UUID. Fastify keeps it as request.id. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** JSON logs through pino; each request's lines carry its id (pino-http reuses Fastify's request.id). */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (request) => /^\/(health|metrics)/.test(request.url ?? '') },
    },
  };
}
