import { DomainError, ValidationFailed } from '@billing/kernel';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { inspectJson } from './json-guard';

/**
 * The one way bodies enter the API: JSON objects only. Parsed by us so that a malformed body is a 400
 * `malformed_json` (Nest turns Fastify's own parse error into an anonymous 400); prototype-poisoning keys are
 * refused, as Fastify's parser does; then `inspectJson` refuses, as 422 naming the field, what JSON.parse
 * accepts but the API must not walk or store (deep nesting, duplicate keys, NUL, lone surrogates), and a
 * body that is not an object (`null`, an array) is 422 too. Other content types are 415 (Fastify's own
 * text/plain parser is removed).
 *
 * The one exception is a route configured with `@RouteConfig({ rawBody: true })` (only `POST /webhooks/stripe`):
 * its body arrives as the Buffer received, under the same 1 MiB limit and content type, and nothing else.
 */
export function useJsonBodyParser(fastify: FastifyInstance) {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    // A route that verifies a signature over the exact bytes (`POST /webhooks/stripe`) declares
    // `@RouteConfig({ rawBody: true })` and gets them untouched (as a Buffer), unparsed: it verifies before it parses.
    if ((request.routeOptions.config as RawBodyRouteConfig | undefined)?.rawBody === true) return done(null, bytes);
    const text = bytes.toString('utf8');
    if (text === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = secureJson.parse(text, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      return done(new DomainError('bad_request', 'malformed_json', 'The request body is not valid JSON.'), undefined);
    }
    const problem = inspectJson(text);
    if (problem) return done(new ValidationFailed([problem]), undefined);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return done(new ValidationFailed([{ field: 'body', message: 'must be a JSON object' }]), undefined);
    }
    done(null, parsed);
  });
}

/** `@RouteConfig(RAW_BODY)` on a handler: its `@Body()` is the request's bytes (a Buffer), not parsed JSON. */
export interface RawBodyRouteConfig {
  rawBody?: boolean;
}
export const RAW_BODY: RawBodyRouteConfig = { rawBody: true };
