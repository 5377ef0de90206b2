import { AppConfig, LOG_REDACT_PATHS, traceLogFields } from '@billing/core';
import type { Params } from 'nestjs-pino';

/**
 * The scheduler's JSON logs: the api's redaction (it logs no requests, but a job's error may carry a secret
 * field) and, while tracing is on, the trace_id and span_id of the active span (a job's).
 */
export function schedulerLoggerOptions(config: AppConfig): Params {
  return { pinoHttp: { level: config.logLevel, redact: LOG_REDACT_PATHS, mixin: traceLogFields } };
}
