/**
 * OpenTelemetry tracing of the scheduler. main.ts imports this file first, so that the instrumentations hook
 * http, undici (fetch), pg and ioredis before anything loads them; BullMQ's own spans (a job's enqueue and
 * its processing, linked through the job) come from bullmq-otel (telemetry/bullmq-telemetry.ts). Tracing is
 * on when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise the SDK is never loaded at all.
 *
 * Only traces go out (OTLP over HTTP, http/protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL says otherwise); the
 * SDK reads the standard OTEL_* variables itself. The api's telemetry/tracing.ts is the same but for Fastify.
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

if (tracingWanted()) {
  // require, not import: a static import would load the SDK and its hooks even with tracing off.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ? undefined : 'billing-scheduler',
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      // The scheduler's server only answers probes and scrapes: no spans for them.
      new HttpInstrumentation({ ignoreIncomingRequestHook: () => true }),
      new UndiciInstrumentation(),
      // Statements and commands only inside a trace (a job's): the relay's and the queue's polling would be noise.
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
