import { AppConfig, LOG_REDACT_PATHS, LOG_SERIALIZERS, traceLogFields } from '@billing/core';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request id: the caller's X-Request-Id when it is sane, else a new UUID. Fastify keeps it as request.id. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * JSON logs through pino; each request's lines carry its id (pino-http reuses Fastify's request.id) and, while
 * tracing is on, the trace_id and span_id of the active span. Credentials are redacted wherever they appear.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      serializers: LOG_SERIALIZERS,
      redact: LOG_REDACT_PATHS,
      mixin: traceLogFields,
      autoLogging: { ignore: (request) => /^\/(health|metrics)/.test(request.url ?? '') },
    },
  };
}
