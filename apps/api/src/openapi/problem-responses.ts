import { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { problemContent } from './schemas';

const DATABASE_UNAVAILABLE = 'The database did not answer in time (code `database_unavailable`, with `Retry-After`).';

/**
 * Every error answer of every operation described by the one `Problem` schema (the problem filter answers them
 * all as problem+json), including those declared without a body (auth, rate limit, health checks) and those no
 * decorator can know about: 413 for a body over 1 MiB on operations with a body, 503 from a stalled database.
 */
export function describeProblems(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      const responses = operation.responses as Record<string, ResponseObject>;
      if (operation.requestBody && !responses['413'])
        responses['413'] = { description: 'The body exceeds 1 MiB (code `payload_too_large`).' };
      if (path.startsWith('/v1/')) {
        const unavailable = responses['503'];
        responses['503'] = {
          ...unavailable,
          description: unavailable ? `${unavailable.description} ${DATABASE_UNAVAILABLE}` : DATABASE_UNAVAILABLE,
        };
      }
      for (const [status, response] of Object.entries(responses))
        if (/^[45]/.test(status)) responses[status] = { ...response, content: problemContent };
      operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}
