import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import type { ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { problem, Problem } from './problem';

/**
 * The edges of HTTP that Nest never sees. Slow or endless requests are cut (408) instead of holding a
 * connection for ever; errors Fastify or Node raise before routing (a bad URL encoding, a parameter over
 * its length, headers over 16 KiB) are problem+json like every other answer.
 */
export function serverOptions(requestTimeoutSeconds: number): Partial<FastifyServerOptions> & { http: ServerOptions } {
  return {
    // The whole request (headers and body) must arrive within this; a stalled upload is answered 408. Node
    // honours it only when given to the server's constructor (hence `http`), and checks the deadline every
    // connectionsCheckingInterval (30 s by default): every second instead.
    requestTimeout: requestTimeoutSeconds * 1000,
    http: { requestTimeout: requestTimeoutSeconds * 1000, connectionsCheckingInterval: 1000 },
    keepAliveTimeout: 5_000,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: (error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      void (reply as FastifyReply)
        .status(status)
        .header('Content-Type', 'application/problem+json')
        .send(problem(status, status === 414 ? 'uri_too_long' : 'bad_request', error.message));
    },
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (!socket.writable) return socket.destroy();
      const [status, code, detail] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'headers_too_large', 'The request headers exceed 16 KiB.']
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'request_timeout', `The request did not arrive within ${requestTimeoutSeconds} s.`]
            : [400, 'bad_request', 'The request is not valid HTTP.'];
      socket.end(rawProblem(problem(status, code, detail)));
    },
  };
}

function rawProblem(body: Problem): string {
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${body.status} ${body.title}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}

/**
 * Security headers on every answer (helmet): `nosniff`, no framing, a restrictive CSP (Swagger UI at /docs
 * gets the one it needs), and `Cache-Control: no-store` on the API, whose answers may carry secrets (an API
 * key at creation) and always carry customer data.
 */
export async function useSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    hsts: false, // TLS ends at the ingress, which sets HSTS for the host it serves
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/v1/')) void reply.header('Cache-Control', 'no-store');
  });
}

/**
 * Every `/v1` route needs a credential: a request without one is answered 401 before its body is read, so
 * an anonymous client cannot hold a connection by sending a body slowly. The guard still verifies the
 * credentials of every other request.
 */
export function refuseAnonymousBeforeBody(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/') || request.headers.authorization) return;
    await reply
      .status(401)
      .header('Content-Type', 'application/problem+json')
      .header('Connection', 'close')
      .send(problem(401, 'unauthenticated', 'Send a credential as `Authorization: Bearer <API key or JWT>`.'));
  });
}
