import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import pino from 'pino';
import { Writable } from 'node:stream';
import { activeTraceparent, LOG_REDACT_PATHS, LOG_SERIALIZERS, redactCredentialHeaders, traceLogFields } from './telemetry';

describe('log redaction', () => {
  it('replaces every credential header in a copy, and keeps a headers object without any as it is', () => {
    const headers = {
      host: 'h',
      authorization: 'Bearer s',
      'x-api-key': 'k',
      cookie: 'c',
      'stripe-signature': 's',
      'webhook-signature': 'w',
    };
    expect(redactCredentialHeaders(headers)).toEqual({
      host: 'h',
      authorization: '[Redacted]',
      'x-api-key': '[Redacted]',
      cookie: '[Redacted]',
      'stripe-signature': '[Redacted]',
      'webhook-signature': '[Redacted]',
    });
    expect(headers.authorization).toBe('Bearer s'); // the live request's headers are untouched
    const clean = { host: 'h' };
    expect(redactCredentialHeaders(clean)).toBe(clean);
  });

  it('writes no secret field or header through a pino logger configured like the apps', () => {
    let output = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += String(chunk);
        done();
      },
    });
    const logger = pino({ redact: LOG_REDACT_PATHS, serializers: LOG_SERIALIZERS }, sink);
    logger.info({
      req: { id: 'r', headers: { authorization: 'Bearer secret-1' }, body: { password: 'secret-2', provider_token: 'secret-3' } },
      res: { statusCode: 201, headers: { 'set-cookie': 'secret-4' }, body: { key: 'secret-5' } },
      secret: 'secret-6',
    });
    expect(output).toContain('"id":"r"');
    expect(output).not.toMatch(/secret-\d/);
  });
});

describe('trace context', () => {
  it('gives nothing while tracing is off', () => {
    expect(traceLogFields()).toEqual({});
    expect(activeTraceparent()).toBeUndefined();
  });

  it("gives the active span's ids to log lines and as a W3C traceparent", () => {
    const contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    try {
      const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
      context.with(trace.setSpanContext(context.active(), spanContext), () => {
        expect(traceLogFields()).toEqual({ trace_id: spanContext.traceId, span_id: spanContext.spanId });
        expect(activeTraceparent()).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
      });
    } finally {
      context.disable();
      propagation.disable();
    }
  });
});
