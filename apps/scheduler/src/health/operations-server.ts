import { AppConfig, APP_CONFIG } from '@billing/core';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { register } from 'prom-client';
import { SchedulerReadiness } from './readiness';

/** Retry-After of a 503, as on the api. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The scheduler's HTTP server, for operations only, on SCHEDULER_PORT: `GET /health` (liveness: the process
 * runs; never touches the database), `GET /health/ready` (database and queue, 503 naming what is down, as the
 * api's) and `GET /metrics` (Prometheus text from the process registry). node:http is enough for three routes
 * and keeps Fastify and Nest's HTTP layer out of a process that otherwise serves nothing.
 */
@Injectable()
export class OperationsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OperationsServer');
  private server: Server | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: SchedulerReadiness,
  ) {}

  /** The port it listens on (SCHEDULER_PORT, or the one the system chose for 0). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        this.logger.error(`${request.method} ${request.url} failed: ${error.message}`);
        if (!response.headersSent) send(response, 500, 'application/problem+json', problem(500, 'internal_error', 'Something went wrong.'));
        else response.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            error.code === 'EADDRINUSE'
              ? `SCHEDULER_PORT ${this.config.schedulerPort} is in use: set SCHEDULER_PORT to a free port (0: any)`
              : `SCHEDULER_PORT ${this.config.schedulerPort}: ${error.message}`,
          ),
        ),
      );
      server.listen(this.config.schedulerPort, '0.0.0.0', () => resolve());
    });
    this.server = server;
    this.logger.log(`serving /health, /health/ready and /metrics on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // keep-alive scrapers would hold the close otherwise
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    const route = ROUTES[path];
    if (!route) return send(response, 404, 'application/problem+json', problem(404, 'not_found', `No route ${path}.`));
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'application/problem+json', problem(405, 'method_not_allowed', `${path} answers GET only.`));
    }
    if (route === 'live') return send(response, 200, 'application/json', { status: 'ok', info: {}, error: {}, details: {} });
    if (route === 'metrics') return send(response, 200, register.contentType, await register.metrics());
    const readiness = await this.readiness.check();
    if (readiness.status === 'ok') return send(response, 200, 'application/json', readiness);
    response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    const down = Object.keys(readiness.error);
    send(response, 503, 'application/problem+json', {
      ...problem(503, 'unavailable', `Not ready, down: ${down.join(', ')}.`),
      details: readiness.details,
    });
  }
}

const ROUTES: Record<string, 'live' | 'ready' | 'metrics'> = { '/health': 'live', '/health/ready': 'ready', '/metrics': 'metrics' };

const TITLES: Record<number, string> = {
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The api's problem+json shape (apps/api/src/http/problem.ts). */
function problem(status: number, code: string, detail: string) {
  return { type: `urn:billing:problem:${code}`, title: TITLES[status], status, detail, code };
}

function send(response: ServerResponse, status: number, contentType: string, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
