import { startStripeServer, startTestPlatform, StripeServer, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { freePort } from './support/api-process';
import { WebhookReceiver } from './support/webhook-receiver';

/** A span as the OTLP/HTTP JSON exporter sends it, with its resource's service name. */
interface ExportedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const SPAN_KIND_SERVER = 2;

/**
 * The real api and scheduler as processes of their own (tracing must start before their modules load, which a
 * jest worker cannot give), tracing on to a collector that this test serves, and the api's logs read from its
 * stdout at LOG_LEVEL=info.
 */
describe('Telemetry of the real processes', () => {
  let platform: TestPlatform;
  let collector: Collector;
  let api: AppProcess;
  let scheduler: AppProcess;
  let stripe: StripeServer;
  let receiver: WebhookReceiver;
  const auth = { authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

  beforeAll(async () => {
    platform = await startTestPlatform();
    collector = await Collector.start();
    stripe = await startStripeServer();
    receiver = await new WebhookReceiver().start();
    const { config } = platform;
    const env = {
      DATABASE_URL: config.databaseUrl ?? '',
      REDIS_URL: config.redisUrl ?? '',
      QUEUE_PREFIX: config.queuePrefix,
      BILLING_CLOCK: 'test',
      BILLING_BOOTSTRAP_API_KEY: TEST_BOOTSTRAP_KEY,
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', // readable here; the default is http/protobuf
      OTEL_BSP_SCHEDULE_DELAY: '100',
      // Payments through the real Stripe SDK, to the local Stripe server; webhooks to this test's receiver.
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_API_BASE: stripe.url,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    };
    const apiPort = await freePort();
    api = AppProcess.start('apps/api/src/main.ts', { ...env, PORT: String(apiPort) }, `http://127.0.0.1:${apiPort}`);
    scheduler = AppProcess.start('apps/scheduler/src/main.ts', { ...env, SCHEDULER_PORT: '0' });
    await api.waitForHealth();
  });

  afterAll(async () => {
    await api?.stop();
    await scheduler?.stop();
    await collector?.close();
    await stripe?.close();
    await receiver?.close();
    await platform?.close();
  });

  describe('logs', () => {
    const secrets = {
      authorization: `Bearer ${TEST_BOOTSTRAP_KEY}`,
      'proxy-authorization': 'Basic cHJveHktc2VjcmV0LTcxOTM=',
      'x-api-key': 'xak-secret-5c1e9d',
      cookie: 'session=cookie-secret-88a1f2',
      'stripe-signature': 't=1700000000,v1=stripe-signature-secret-4b7e',
      'webhook-signature': 'v1,webhook-signature-secret-93d0',
    };

    it('redact every credential header, a rejected token and a created key', async () => {
      const requestIds: string[] = [];
      for (const [header, value] of Object.entries(secrets)) {
        const requestId = `log-${header}`;
        requestIds.push(requestId);
        const response = await fetch(`${api.url}/v1/accounts`, { headers: { ...auth, [header]: value, 'X-Request-Id': requestId } });
        expect(response.status).toBe(200);
      }
      const rejected = 'bk_live_rejected_token_secret_0123456789abcdef';
      const unauthorized = await fetch(`${api.url}/v1/accounts`, {
        headers: { Authorization: `Bearer ${rejected}`, 'X-Request-Id': 'log-rejected' },
      });
      expect(unauthorized.status).toBe(401);
      const created = await fetch(`${api.url}/v1/api-keys`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', 'X-Request-Id': 'log-key' },
        body: JSON.stringify({ name: 'ci', role: 'billing_admin' }),
      });
      expect(created.status).toBe(201);
      const { key } = (await created.json()) as { key: string };
      expect(key).toBeTruthy();

      const log = await api.waitForOutput((output) => [...requestIds, 'log-rejected', 'log-key'].every((id) => output.includes(`"${id}"`)));
      for (const value of [...Object.values(secrets), TEST_BOOTSTRAP_KEY, rejected, key]) expect(log).not.toContain(value);
      for (const fragment of ['cHJveHktc2VjcmV0', 'xak-secret', 'cookie-secret', 'stripe-signature-secret', 'webhook-signature-secret']) {
        expect(log).not.toContain(fragment);
      }
      // Not vacuous: the requests were logged, their headers shown redacted.
      const line = requestLine(log, 'log-x-api-key');
      expect(line.req.headers['x-api-key']).toBe('[Redacted]');
      expect(line.req.headers.authorization).toBe('[Redacted]');
    });
  });

  describe('tracing', () => {
    it("exports the api's request span with its database spans, and its log line carries the trace", async () => {
      const response = await fetch(`${api.url}/v1/accounts?limit=5`, { headers: { ...auth, 'X-Request-Id': 'trace-accounts' } });
      expect(response.status).toBe(200);

      // The request's log line names its trace; that trace holds the server span, Fastify's and the queries'.
      const log = await api.waitForOutput((output) => output.includes('"trace-accounts"'));
      const traceId = requestLine(log, 'trace-accounts').trace_id;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      const server = await collector.waitFor((span) => span.traceId === traceId && span.kind === SPAN_KIND_SERVER);
      expect(server).toMatchObject({ service: 'billing-api', name: 'GET /v1/accounts' });
      expect(server.attributes['http.route']).toBe('/v1/accounts');
      const database = await collector.waitFor((span) => span.traceId === traceId && span.attributes['db.system.name'] === 'postgresql');
      expect(database.service).toBe('billing-api');
      expect(collector.spans.some((span) => span.traceId === traceId && span.scope === '@fastify/otel')).toBe(true);
    });

    it('exports nothing for probes and scrapes', async () => {
      await fetch(`${api.url}/health`);
      await fetch(`${api.url}/metrics`);
      await fetch(`${api.url}/v1/accounts`, { headers: auth }); // a span after them, to know they had time to arrive
      await collector.waitFor((span) => span.kind === SPAN_KIND_SERVER && span.attributes['http.route'] === '/v1/accounts');
      expect(
        collector.spans.filter((span) =>
          /health|metrics/.test(String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? '')),
        ),
      ).toEqual([]);
    });

    it("exports the scheduler's BullMQ spans as it delivers an event", async () => {
      const created = await fetch(`${api.url}/v1/accounts`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Traced', email: 'traced@example.test', currency: 'EUR' }),
      });
      expect(created.status).toBe(201);
      const consumed = await collector.waitFor(
        (span) =>
          span.service === 'billing-scheduler' &&
          span.scope === 'billing-scheduler' &&
          span.name.includes('domain-events') &&
          span.kind === 5,
      );
      // BullMQ carries the trace from the relay's enqueue to the worker's processing.
      const produced = collector.spans.find((span) => span.traceId === consumed.traceId && span.kind === 4);
      expect(produced?.service).toBe('billing-scheduler');
    });

    /**
     * Waits until the events raised so far are handled (the test clock set to its own time waits for them): a job
     * continues the trace of its batch's first event, so a request whose effects a test follows must not share a
     * batch with earlier requests' events.
     */
    const settle = async () => {
      const clock = (await (await fetch(`${api.url}/v1/test/clock`, { headers: auth })).json()) as { now: string };
      const settled = await fetch(`${api.url}/v1/test/clock`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ now: clock.now }),
      });
      expect(settled.status).toBe(200);
    };

    it('carries one trace from POST /v1/subscriptions through the outbox and the relay to the saga that issues the invoice', async () => {
      const post = async (path: string, body: object, requestId: string) => {
        const response = await fetch(`${api.url}${path}`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json', 'X-Request-Id': requestId },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(201);
        return (await response.json()) as { id: string; code: string };
      };
      const account = await post('/v1/accounts', { name: 'Traced', email: 't@example.test', currency: 'EUR' }, 'trace-account');
      const plan = await post(
        '/v1/plans',
        { code: 'traced', name: 'Traced', interval: 'month', prices: [{ currency: 'EUR', amount: 900 }] },
        'trace-plan',
      );
      await settle();
      await post('/v1/subscriptions', { account_id: account.id, plan_code: plan.code }, 'trace-subscription');

      const log = await api.waitForOutput((output) => output.includes('"trace-subscription"'));
      const traceId = requestLine(log, 'trace-subscription').trace_id;
      const statement = (span: ExportedSpan) => String(span.attributes['db.query.text'] ?? span.attributes['db.statement'] ?? '');
      // In the scheduler, in the request's trace: the relay's span, the job's, and the saga's insert of the invoice.
      const issued = await collector.waitFor(
        (span) => span.traceId === traceId && span.service === 'billing-scheduler' && /INSERT INTO "?invoices"? /i.test(statement(span)),
      );
      expect(issued.service).toBe('billing-scheduler');
      const inTrace = collector.spans.filter((span) => span.traceId === traceId);
      expect(inTrace.some((span) => span.name === 'outbox relay')).toBe(true);
      expect(inTrace.some((span) => span.service === 'billing-api' && span.kind === SPAN_KIND_SERVER)).toBe(true);
    });

    it("carries the request's trace to the Stripe call that charges its invoice and to its webhook deliveries", async () => {
      const post = async (path: string, body: object, requestId?: string) => {
        const response = await fetch(`${api.url}${path}`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json', ...(requestId ? { 'X-Request-Id': requestId } : {}) },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(201);
        return (await response.json()) as { id: string; code: string };
      };
      await post('/v1/webhook-endpoints', { url: receiver.url('/hooks'), event_types: ['subscription.created'] });
      const account = await post('/v1/accounts', { name: 'Charged', email: 'charged@example.test', currency: 'EUR' });
      await post(`/v1/accounts/${account.id}/payment-methods`, { provider_token: 'pm_card_visa' });
      const plan = await post('/v1/plans', {
        code: 'charged',
        name: 'Charged',
        interval: 'month',
        prices: [{ currency: 'EUR', amount: 1500 }],
      });
      await settle();
      const subscription = await post('/v1/subscriptions', { account_id: account.id, plan_code: plan.code }, 'trace-charged');

      const log = await api.waitForOutput((output) => output.includes('"trace-charged"'));
      const traceId = requestLine(log, 'trace-charged').trace_id;
      // The charge of the invoice the subscription was issued, and under it the SDK's request to Stripe.
      const charge = await collector.waitFor((span) => span.traceId === traceId && span.name === 'payment charge');
      expect(charge).toMatchObject({ service: 'billing-scheduler', attributes: { 'billing.payment.provider': 'stripe' } });
      const stripeCall = await collector.waitFor((span) => span.traceId === traceId && span.parentSpanId === charge.spanId);
      expect(String(stripeCall.attributes['url.full'] ?? stripeCall.attributes['http.url'])).toContain(`${stripe.url}/v1/payment_intents`);

      // The subscription.created delivery: its attempt's span, and the request the receiver got, in that trace.
      const delivery = await collector.waitFor((span) => span.traceId === traceId && span.name === 'webhook delivery');
      expect(delivery.service).toBe('billing-scheduler');
      const received = receiver.at('/hooks').find((request) => request.body.includes(subscription.id));
      expect(received?.headers.traceparent).toContain(traceId);
    });
  });
});

/** The pino-http "request completed" line of a request. */
function requestLine(log: string, requestId: string) {
  const line = log
    .split('\n')
    .filter((text) => text.startsWith('{'))
    .map((text) => JSON.parse(text))
    .find((entry) => entry.req?.id === requestId && entry.res);
  if (!line) throw new Error(`no request line for ${requestId} in:\n${log}`);
  return line;
}

/** An OTLP/HTTP JSON receiver: every span it is sent, flattened. */
class Collector {
  readonly spans: ExportedSpan[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<Collector> {
    const server = createServer();
    const collector = new Collector(server);
    server.on('request', (request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        if (request.url === '/v1/traces') collector.receive(JSON.parse(body));
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return collector;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async waitFor(match: (span: ExportedSpan) => boolean, timeoutMs = 20_000): Promise<ExportedSpan> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.spans.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no such span within ${timeoutMs} ms among ${JSON.stringify([...new Set(this.spans.map((span) => span.name))])}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private receive(request: { resourceSpans?: OtlpResourceSpans[] }) {
    for (const resourceSpans of request.resourceSpans ?? []) {
      const resource = attributesOf(resourceSpans.resource?.attributes);
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          this.spans.push({
            service: String(resource['service.name']),
            scope: scopeSpans.scope?.name ?? '',
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId,
            name: span.name,
            kind: span.kind,
            attributes: attributesOf(span.attributes),
          });
        }
      }
    }
  }
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

interface OtlpResourceSpans {
  resource?: { attributes?: OtlpAttribute[] };
  scopeSpans?: {
    scope?: { name: string };
    spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[] }[];
  }[];
}

function attributesOf(attributes: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));
}

/** An app's main.ts as a process of its own, its stdout kept. */
class AppProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  static start(entry: string, env: Record<string, string>, url = ''): AppProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, '..', entry)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new AppProcess(child, url);
  }

  async waitForHealth(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (
      !(await fetch(`${this.url}/health`).then(
        (response) => response.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error(`${this.url} did not start within 60 s`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async waitForOutput(done: (output: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.output)) {
      if (Date.now() > deadline) throw new Error(`output not as expected within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
