import { context, propagation, trace } from '@opentelemetry/api';

/**
 * What both apps' logs and traces share. Only @opentelemetry/api here (a few kilobytes, no SDK): without
 * OTEL_EXPORTER_OTLP_ENDPOINT the SDK is never loaded, these find no span and cost a function call.
 */

/** Headers that carry credentials: never written to a log line, in requests or in answers. */
export const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
  'stripe-signature',
  'webhook-signature',
] as const;

/** Body and object fields that carry secrets (an API key's `key`, webhook and Stripe secrets, a card token). */
export const SECRET_FIELDS = ['key', 'secret', 'password', 'provider_token', 'api_key', 'client_secret'] as const;

/**
 * pino `redact` paths for the above: the headers of pino-http's `req`/`res` (and of any object logged with
 * `headers`), and the fields at the top of a log line and up to three levels down (`req.body.password`,
 * `req.body.payment_method.provider_token`). pino's wildcards match one level each, hence one path per depth.
 */
export const LOG_REDACT_PATHS: string[] = [
  ...CREDENTIAL_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]),
];

/** pino `mixin`: every log line written while a span is active carries its trace_id and span_id. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!trace.isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/**
 * The active trace as a W3C `traceparent` header value (undefined when tracing is off or no span is active).
 *
 * The seam for trace propagation through the outbox, left for the outbox's owner: store this with the event
 * when it is appended, and have the relay/consumer continue it with
 * `propagation.extract(context.active(), { traceparent })`, so that an event's effects join the request's trace.
 */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}
