import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { parseStripeForm, StripeParams } from './form';
import { answer, routeOf, StripeAnswer, StripeEndpoint } from './stripe-api';
import { StripeObject, StripeStore, stripeId } from './stripe-objects';
import { sendStripeWebhook, STRIPE_EVENT_API_VERSION, stripeEvent, WebhookDelivery } from './stripe-webhooks';
import { StripeDecline } from './test-tokens';

/** One request as the server received it, for tests to assert on. */
export interface RecordedStripeRequest {
  method: string;
  /** Without the query string. */
  path: string;
  /** The endpoint it matched; null for a path this server (and so the payments lib) does not use. */
  endpoint: StripeEndpoint | null;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string>;
  idempotencyKey: string | null;
  /** The form-encoded body of a POST, the query of a GET, parsed as Stripe parses them. */
  params: StripeParams;
  /** The status answered (once answered), or `dropped` when the connection was closed instead. */
  outcome?: number | 'dropped';
  /** Answered from the idempotency record of an earlier request with the same key. */
  replayed: boolean;
}

/** An error answer to inject: Stripe's 500 by default; `{ status: 429, type: 'rate_limit_error' }` for a rate limit. */
export interface InjectedError {
  status?: number;
  type?: string;
  code?: string;
  message?: string;
}

export interface StripeServer {
  /** For `STRIPE_API_BASE`. */
  readonly url: string;
  /** A secret key it accepts (it accepts any `sk_test_…`). */
  readonly secretKey: string;
  readonly store: StripeStore;
  readonly requests: readonly RecordedStripeRequest[];
  requestsTo(endpoint: StripeEndpoint): RecordedStripeRequest[];

  /** The next `count` requests to `endpoint` are answered with this error before anything is processed. */
  failNext(endpoint: StripeEndpoint, count?: number, error?: InjectedError): void;
  /** The next `count` requests to `endpoint` are processed (and recorded for their key), then the connection is closed unanswered. */
  dropNext(endpoint: StripeEndpoint, count?: number): void;
  /** The next `count` requests to `endpoint` are processed at once and answered `ms` later; their key stays in use meanwhile (409). */
  delayNext(endpoint: StripeEndpoint, ms: number, count?: number): void;
  /** Charges on this payment method (an id, or a test token and every method made from it) fail with this card error. */
  declinePaymentMethod(paymentMethod: string, error: StripeDecline): void;

  /** An event of `type` about `object` (one of the store's, or any), as Stripe would deliver it. */
  event(type: string, object: StripeObject | Record<string, unknown>, previousAttributes?: Record<string, unknown>): StripeObject;
  /** Sends `event` to `url`, signed with `secret` as Stripe signs (at `timestamp`, unix seconds, if given). */
  sendWebhook(
    url: string,
    event: StripeObject,
    options: { secret: string; timestamp?: number; payload?: string },
  ): Promise<WebhookDelivery>;

  /** Forgets objects, keys, requests and injections. */
  reset(): void;
  close(): Promise<void>;
}

type Injection = { kind: 'fail'; error: InjectedError } | { kind: 'drop' } | { kind: 'delay'; ms: number };

interface IdempotencyRecord {
  endpoint: StripeEndpoint;
  path: string;
  params: StripeParams;
  answer: StripeAnswer;
  /** Until the first request's answer is sent (a delayed one), the key is in use. */
  inFlight: boolean;
}

/**
 * A local Stripe for the real SDK, pointed at with `STRIPE_API_BASE`: the endpoints the payments lib uses (see
 * stripe-api.ts), Stripe's JSON shapes and error format, form-encoded bodies, and Stripe's idempotency (per
 * secret key, like Stripe's per account): the same `Idempotency-Key` with the same parameters answers the stored
 * result (`Idempotent-Replayed: true`), with other parameters or on another endpoint `400 idempotency_error`,
 * while the first is still being answered `409`. Like Stripe, a request refused before it ran (an injected
 * failure, a missing key, an unknown URL, a key in use) stores nothing; every answer of an endpoint is stored,
 * card errors included.
 */
export async function startStripeServer(): Promise<StripeServer> {
  const store = new StripeStore();
  const requests: RecordedStripeRequest[] = [];
  const injections = new Map<StripeEndpoint, Injection[]>();
  const declines = new Map<string, StripeDecline>();
  const keys = new Map<string, IdempotencyRecord>();
  const timers = new Set<NodeJS.Timeout>();

  const inject = (endpoint: StripeEndpoint, injection: Injection, count: number) => {
    injections.set(endpoint, [...(injections.get(endpoint) ?? []), ...Array.from({ length: count }, () => injection)]);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stripe.local');
    const body = await readBody(request);
    const route = routeOf(request.method ?? 'GET', url.pathname);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
    );
    const idempotencyKey = request.method === 'POST' ? (headers['idempotency-key'] ?? null) : null;
    const recorded: RecordedStripeRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      endpoint: route?.endpoint ?? null,
      headers,
      idempotencyKey,
      params: request.method === 'POST' ? parseStripeForm(body) : parseStripeForm(url.search.slice(1)),
      replayed: false,
    };
    requests.push(recorded);

    const send = (result: StripeAnswer, extraHeaders: Record<string, string> = {}) => {
      recorded.outcome = result.status;
      response.writeHead(result.status, {
        'Content-Type': 'application/json',
        'Request-Id': stripeId('req'),
        'Stripe-Version': headers['stripe-version'] || STRIPE_EVENT_API_VERSION,
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
        ...extraHeaders,
      });
      response.end(JSON.stringify(result.body, null, 2));
    };

    const apiKey = /^Bearer (sk_test_\S+)$/.exec(headers.authorization ?? '')?.[1];
    if (!apiKey) {
      return send(error(401, 'invalid_request_error', 'Invalid API Key provided. This test server takes any key starting with sk_test_.'));
    }
    if (!route) {
      return send(
        error(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${recorded.method}: ${url.pathname}). This test server answers only the endpoints the payments lib uses.`,
        ),
      );
    }
    const injection = injections.get(route.endpoint)?.shift();
    if (injection?.kind === 'fail') {
      const {
        status = 500,
        type = status === 429 ? 'rate_limit_error' : 'api_error',
        code,
        message = 'An unknown error occurred',
      } = injection.error;
      return send({ status, body: { error: { type, message, ...(code ? { code } : {}) } } });
    }

    let result: StripeAnswer;
    let record: IdempotencyRecord | undefined;
    const scope = idempotencyKey ? `${apiKey} ${idempotencyKey}` : undefined;
    const earlier = scope ? keys.get(scope) : undefined;
    if (earlier) {
      if (earlier.endpoint !== route.endpoint || earlier.path !== url.pathname || !isDeepStrictEqual(earlier.params, recorded.params)) {
        result = error(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        );
      } else if (earlier.inFlight) {
        result = error(
          409,
          'idempotency_error',
          'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please retry your request.',
          'idempotency_key_in_use',
        );
      } else {
        recorded.replayed = true;
        result = earlier.answer;
      }
    } else {
      result = answer(route.endpoint, { params: recorded.params, id: route.id, store, declines });
      if (scope) {
        record = { endpoint: route.endpoint, path: url.pathname, params: recorded.params, answer: result, inFlight: true };
        keys.set(scope, record);
      }
    }

    const deliver = () => {
      if (record) record.inFlight = false;
      if (injection?.kind === 'drop') {
        recorded.outcome = 'dropped';
        request.socket.destroy();
        return;
      }
      send(result, recorded.replayed ? { 'Idempotent-Replayed': 'true', 'Original-Request': stripeId('req') } : {});
    };
    if (injection?.kind === 'delay') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        deliver();
      }, injection.ms);
      timers.add(timer);
    } else {
      deliver();
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((failure: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'api_error', message: `Test server failure: ${String(failure)}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey: 'sk_test_local_stripe_server',
    store,
    requests,
    requestsTo: (endpoint) => requests.filter((request) => request.endpoint === endpoint),
    failNext: (endpoint, count = 1, injected = {}) => inject(endpoint, { kind: 'fail', error: injected }, count),
    dropNext: (endpoint, count = 1) => inject(endpoint, { kind: 'drop' }, count),
    delayNext: (endpoint, ms, count = 1) => inject(endpoint, { kind: 'delay', ms }, count),
    declinePaymentMethod: (paymentMethod, cardError) => declines.set(paymentMethod, cardError),
    event: stripeEvent,
    sendWebhook: sendStripeWebhook,
    reset: () => {
      store.clear();
      requests.length = 0;
      injections.clear();
      declines.clear();
      keys.clear();
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((failure) => (failure ? reject(failure) : resolve())));
    },
  };
}

function error(status: number, type: string, message: string, code?: string): StripeAnswer {
  return { status, body: { error: { type, message, ...(code ? { code } : {}) } } };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
