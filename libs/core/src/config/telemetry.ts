import { Attributes, context, Link, propagation, ROOT_CONTEXT, Span, SpanStatusCode, trace } from '@opentelemetry/api';

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
 * pino `redact` paths for the secret fields: at the top of a log line and in a logged request's or answer's
 * body (pino-http logs neither body today). Static paths only: each wildcard level multiplies pino's work on
 * every line (measured: 38 paths of one to three wildcards took a request log line from 5 to 50 µs).
 */
export const LOG_REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((field) => [
  field,
  `body.${field}`,
  `req.body.${field}`,
  `res.body.${field}`,
]);

const REDACTED = '[Redacted]';

/** A copy of `headers` with every credential replaced (the same object when it has none). */
export function redactCredentialHeaders<T extends Record<string, unknown> | undefined>(headers: T): T {
  if (!headers) return headers;
  let copy: Record<string, unknown> | undefined;
  for (const header of CREDENTIAL_HEADERS) {
    if (headers[header] === undefined) continue;
    copy ??= { ...headers };
    copy[header] = REDACTED;
  }
  return (copy ?? headers) as T;
}

type SerializedMessage = { headers?: Record<string, unknown> } & Record<string, unknown>;

/**
 * pino-http `serializers`: the request and the answer as pino-http logs them, their credential headers
 * redacted. A serializer rather than `redact` paths: it costs a copy of the headers only when one is present
 * (pino-http's serialized `headers` is the live request's object, hence the copy).
 */
export const LOG_SERIALIZERS = {
  req: (request: SerializedMessage) => ({ ...request, headers: redactCredentialHeaders(request.headers) }),
  res: (response: SerializedMessage) => ({ ...response, headers: redactCredentialHeaders(response.headers) }),
};

/** pino `mixin`: every log line written while a span is active carries its trace_id and span_id. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!trace.isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/**
 * The active trace as a W3C `traceparent` header value (undefined when tracing is off or no span is active):
 * what the outbox stores with an event, so that its effects join the trace of the change that raised it.
 */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs `work` in a span that continues the first of `traceparents` (an outbox batch's events' traces, a webhook
 * delivery's event's) and links the others, so that what `work` starts (the batch's job and so its subscribers,
 * the delivery's request) belongs to the trace of the change that raised the events. Without traces to continue
 * (tracing off, events raised outside any trace), just runs `work`.
 */
export async function continueTraces<T>(
  name: string,
  traceparents: readonly string[],
  work: () => Promise<T>,
  attributes?: Attributes,
): Promise<T> {
  const [first, ...others] = [...new Set(traceparents)];
  if (first === undefined) return work();
  const contextOf = (traceparent: string) => propagation.extract(ROOT_CONTEXT, { traceparent });
  const links: Link[] = others.flatMap((traceparent) => {
    const linked = trace.getSpanContext(contextOf(traceparent));
    return linked ? [{ context: linked }] : [];
  });
  return trace.getTracer(TRACER).startActiveSpan(name, { links, attributes }, contextOf(first), (span) => endAfter(span, work));
}

/**
 * Runs `work` in a span of the active trace (a provider call inside an event's job): what the span names, such as
 * a payment's id, is then found beside the call's HTTP span. With tracing off, the API's no-op tracer makes this a
 * function call.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(name, { attributes }, (span) => endAfter(span, work));
}

const TRACER = 'billing';

async function endAfter<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}
