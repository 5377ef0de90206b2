import { DomainError } from '@billing/core';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';

/**
 * Parses JSON bodies ourselves so that a malformed body is a 400 `malformed_json` (Nest turns Fastify's own
 * parse error into an anonymous 400). Prototype-poisoning keys are refused, as Fastify's parser does.
 */
export function useJsonBodyParser(fastify: FastifyInstance) {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(body as string, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(new DomainError('bad_request', 'malformed_json', 'The request body is not valid JSON.'), undefined);
    }
  });
}
