/**
 * OpenTelemetry tracing of the api. main.ts imports this file first, so that the instrumentations hook http,
 * Fastify, undici (fetch), pg and ioredis before anything loads them. Tracing is on when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise the SDK is never loaded at all (no require hooks, no patched
 * modules), so a process without it runs exactly as before.
 *
 * Only traces go out (OTLP over HTTP, http/protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL says otherwise, to
 * `<endpoint>/v1/traces`); metrics stay on /metrics and logs on stdout. The SDK reads the standard OTEL_*
 * variables itself (OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES, headers, ...).
 */
import type { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

/** A bad endpoint is not ours to judge here: loadConfig stops the start with a message naming the variable. */
function tracingWanted(endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()): boolean {
  if (!endpoint) return false;
  try {
    return ['http:', 'https:'].includes(new URL(endpoint).protocol);
  } catch {
    return false;
  }
}

/** Probes and scrapes would be most of the traces and tell nothing. */
const OPERATIONS_PATH = /^\/(health|metrics)(\/|\?|$)/;

if (tracingWanted()) {
  // require, not import: a static import would load the SDK and its hooks even with tracing off.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { FastifyOtelInstrumentation } = require('@fastify/otel') as typeof import('@fastify/otel');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    // OTEL_SERVICE_NAME, when set, names the service (the SDK's env detector reads it; ours would override it).
    serviceName: process.env.OTEL_SERVICE_NAME ? undefined : 'billing-api',
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => OPERATIONS_PATH.test(request.url ?? '') }),
      // The route's request span (it names the server span `GET /v1/accounts`); it registers itself on every
      // Fastify instance as it is created. No span per lifecycle hook and handler: ten more spans a request,
      // which cost more than the request itself (bench:api --tracing), for what the route span already shows.
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        ignorePaths: (options) => OPERATIONS_PATH.test(options.url),
        instrumentHooks: false,
        instrumentHandler: false,
      }),
      new UndiciInstrumentation(),
      // Statements and commands only inside a trace: the pool's and the queue's own polling would be noise; and
      // statements, not the pool's checkouts (a span each, and a checkout from a warm pool tells nothing).
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
}

/** Whether this process exports traces. */
export function tracingEnabled(): boolean {
  return sdk !== undefined;
}

/** Sends the spans still buffered; called as the process shuts down. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
}
