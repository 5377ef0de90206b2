import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { domainEvent } from '@billing/kernel';
import { decideAfterAttempt, DeliveryDecision } from '../domain/retry-schedule';
import { newWebhookSecret } from '../domain/secrets';
import { webhookHeaders } from '../domain/signatures';
import { webhookBody } from '../domain/payload';
import { ConnectionPool } from './connection-pool';
import { deliver, DeliveryResult, KEPT_BODY_BYTES } from './deliver';
import { checkWebhookUrl, Resolver, UrlPolicy } from './url-policy';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A receiver on 127.0.0.1, as a customer would write one: it verifies every delivery with the
 * `standardwebhooks` library and the one secret it knows (200, or 400 saying why), unless a test answers otherwise.
 */
class Receiver {
  readonly requests: Received[] = [];
  secret = '';
  readonly verify = (request: Received, response: ServerResponse) => {
    try {
      new Webhook(this.secret).verify(request.body, request.headers as Record<string, string>);
      response.writeHead(200).end('ok');
    } catch (error) {
      response.writeHead(400).end((error as Error).message);
    }
  };
  answer: (request: Received, response: ServerResponse) => void = this.verify;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        method: request.method as string,
        url: request.url as string,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(received);
      this.answer(received, response);
    });
  });

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SECRET = newWebhookSecret();
const LOCAL: UrlPolicy = { allowPrivateNetworks: true };
const NOW = new Date('2027-03-01T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const event = domainEvent('webhook.test', 'invoice', 'inv_1', { id: 'inv_1', total: 1200, customer: 'Zoë 株式会社' }, NOW);

/** A message as it would be sent now (receivers refuse timestamps more than 5 minutes off). */
function signed(body = webhookBody(event), secrets = [SECRET]) {
  return { headers: webhookHeaders(event.id, new Date(), body, secrets), body };
}

/** What the retry schedule makes of a first attempt's result, without jitter. */
const decision = (result: DeliveryResult): DeliveryDecision =>
  decideAfterAttempt(result, { attempt: 1, at: NOW, failingSince: null, random: () => 0.5 });

describe(deliver.name, () => {
  const receiver = new Receiver();
  const url = (path = '/hooks', host = '127.0.0.1') => `http://${host}:${receiver.port}${path}`;

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.secret = SECRET;
    receiver.answer = receiver.verify;
  });

  it('POSTs the body as signed, which the standardwebhooks library verifies', async () => {
    const message = signed();
    const result = await deliver({ url: url('/hooks?tenant=1'), ...message }, LOCAL);

    expect(result).toEqual({ kind: 'response', status: 200, retryAfter: null, body: 'ok', latencyMs: expect.any(Number) });
    expect(decision(result)).toEqual({ action: 'delivered' });
    expect(receiver.requests).toHaveLength(1);
    const [received] = receiver.requests;
    expect(received).toMatchObject({ method: 'POST', url: '/hooks?tenant=1', body: message.body });
    expect(received.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(message.body)),
      'webhook-id': event.id,
      'webhook-timestamp': message.headers['webhook-timestamp'],
      'webhook-signature': message.headers['webhook-signature'],
    });
    expect(new Webhook(SECRET).verify(received.body, received.headers as Record<string, string>)).toEqual({
      id: event.id,
      type: 'webhook.test',
      created_at: '2027-03-01T12:00:00.000Z',
      data: { object: { id: 'inv_1', total: 1200, customer: 'Zoë 株式会社' } },
    });
  });

  it('during a rotation, signs with the old and the new secret: a receiver knowing either one verifies', async () => {
    const fresh = newWebhookSecret();
    const message = signed(undefined, [fresh, SECRET]);
    expect(message.headers['webhook-signature'].split(' ')).toHaveLength(2);

    for (const secret of [SECRET, fresh]) {
      receiver.secret = secret;
      expect(await deliver({ url: url(), ...message }, LOCAL)).toMatchObject({ kind: 'response', status: 200 });
    }
    receiver.secret = newWebhookSecret();
    expect(await deliver({ url: url(), ...message }, LOCAL)).toMatchObject({ status: 400, body: 'No matching signature found' });
  });

  it('a tampered body fails verification', async () => {
    const message = signed();
    const tampered = message.body.replace('1200', '1');
    const result = await deliver({ url: url(), headers: message.headers, body: tampered }, LOCAL);

    expect(result).toMatchObject({ kind: 'response', status: 400, body: 'No matching signature found' });
    expect(() => new Webhook(SECRET).verify(tampered, message.headers as unknown as Record<string, string>)).toThrow(
      WebhookVerificationError,
    );
  });

  it.each<[string, (response: ServerResponse) => void, Partial<DeliveryResult>, DeliveryDecision]>([
    ['200', (response) => response.writeHead(200).end(), { status: 200 }, { action: 'delivered' }],
    ['202', (response) => response.writeHead(202).end(), { status: 202 }, { action: 'delivered' }],
    [
      '410: the endpoint is disabled',
      (response) => response.writeHead(410).end(),
      { status: 410 },
      { action: 'disable_endpoint', reason: 'gone' },
    ],
    [
      '429 with Retry-After in seconds',
      (response) => response.writeHead(429, { 'retry-after': '120' }).end(),
      { status: 429, retryAfter: '120' },
      { action: 'retry', at: later(120_000) },
    ],
    [
      '503 with Retry-After as a date',
      (response) => response.writeHead(503, { 'retry-after': 'Mon, 01 Mar 2027 14:00:00 GMT' }).end(),
      { status: 503, retryAfter: 'Mon, 01 Mar 2027 14:00:00 GMT' },
      { action: 'retry', at: later(2 * 3_600_000) },
    ],
    [
      '500',
      (response) => response.writeHead(500).end('database down'),
      { status: 500, body: 'database down' },
      { action: 'retry', at: later(5000) },
    ],
  ])('%s', async (_, answer, result, expected) => {
    receiver.answer = (_request, response) => answer(response);
    const delivered = await deliver({ url: url(), ...signed() }, LOCAL);
    expect(delivered).toMatchObject({ kind: 'response', ...result });
    expect(decision(delivered)).toEqual(expected);
  });

  it('does not follow a redirect: a 3xx is a failure, retried', async () => {
    receiver.answer = (request, response) => response.writeHead(request.url === '/hooks' ? 307 : 200, { location: '/moved' }).end();
    const result = await deliver({ url: url(), ...signed() }, LOCAL);

    expect(result).toMatchObject({ kind: 'response', status: 307 });
    expect(decision(result)).toEqual({ action: 'retry', at: later(5000) });
    expect(receiver.requests.map((request) => request.url)).toEqual(['/hooks']);
  });

  it('gives up waiting at the timeout: a network error, retried', async () => {
    receiver.answer = () => {};
    const result = await deliver({ url: url(), ...signed(), timeoutMs: 300 }, LOCAL);

    expect(result).toEqual({ kind: 'network_error', code: 'timeout', message: 'no answer within 300 ms', latencyMs: expect.any(Number) });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(decision(result)).toEqual({ action: 'retry', at: later(5000) });
  });

  it('counts a resolution that never ends in the timeout', async () => {
    const resolve: Resolver = () => new Promise(() => {});
    expect(
      await deliver({ url: url('/hooks', 'slow-dns.example.com'), ...signed(), timeoutMs: 100 }, { allowPrivateNetworks: false, resolve }),
    ).toEqual({
      kind: 'network_error',
      code: 'timeout',
      message: 'no address within 100 ms',
      latencyMs: expect.any(Number),
    });
  });

  it('keeps the status when the body does not end in time', async () => {
    receiver.answer = (_request, response) => response.writeHead(200).write('working on it');
    expect(await deliver({ url: url(), ...signed(), timeoutMs: 300 }, LOCAL)).toMatchObject({
      kind: 'response',
      status: 200,
      body: 'working on it',
    });
  });

  it(`keeps the first ${KEPT_BODY_BYTES} bytes of the answer`, async () => {
    receiver.answer = (_request, response) => response.writeHead(500).end('x'.repeat(1_000_000));
    const result = await deliver({ url: url(), ...signed() }, LOCAL);
    expect(result).toMatchObject({ kind: 'response', status: 500, body: 'x'.repeat(KEPT_BODY_BYTES) });
  });

  it('answers a dropped connection as a network error', async () => {
    receiver.answer = (_request, response) => response.socket?.destroy();
    expect(await deliver({ url: url(), ...signed() }, LOCAL)).toMatchObject({ kind: 'network_error', code: 'ECONNRESET' });
  });

  it('answers a closed port as a network error', async () => {
    const closed = new Receiver();
    await closed.start();
    const port = closed.port;
    await closed.stop();
    expect(await deliver({ url: `http://127.0.0.1:${port}/hooks`, ...signed() }, LOCAL)).toMatchObject({
      kind: 'network_error',
      code: 'ECONNREFUSED',
    });
  });

  it('answers a host that no longer resolves as a network error', async () => {
    const resolve: Resolver = () => Promise.reject(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }));
    expect(await deliver({ url: url('/hooks', 'hooks.example.com'), ...signed() }, { allowPrivateNetworks: false, resolve })).toMatchObject(
      {
        kind: 'network_error',
        code: 'EAI_AGAIN',
        message: 'host "hooks.example.com" does not resolve (EAI_AGAIN)',
      },
    );
  });

  it('refuses a private address unless private networks are allowed, without sending anything', async () => {
    const result = await deliver({ url: url(), ...signed() }, { allowPrivateNetworks: false });
    expect(result).toMatchObject({ kind: 'refused', refusal: { reason: 'forbidden_address', address: '127.0.0.1', range: 'loopback' } });
    expect(decision(result)).toEqual({ action: 'retry', at: later(5000) });
    expect(receiver.requests).toEqual([]);
  });

  it('resolves again at delivery: a host public at registration and private now is refused (DNS rebinding)', async () => {
    const answers = ['93.184.215.14', '127.0.0.1'];
    const resolve: Resolver = async () => [{ address: answers.shift() ?? '127.0.0.1', family: 4 }];
    const policy = { allowPrivateNetworks: false, resolve };
    const endpoint = url('/hooks', 'rebinding.example.com');

    expect(await checkWebhookUrl(endpoint, policy)).toMatchObject({ ok: true });
    expect(await deliver({ url: endpoint, ...signed() }, policy)).toMatchObject({
      kind: 'refused',
      refusal: { reason: 'forbidden_address', address: '127.0.0.1' },
    });
    expect(receiver.requests).toEqual([]);
  });

  it('connects to the address it vetted, with the original Host, and asks DNS nothing more', async () => {
    const lookups: string[] = [];
    const resolve: Resolver = async (hostname) => {
      lookups.push(hostname);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    // .invalid never resolves (RFC 6761): had the client looked the name up itself, it would have failed.
    const result = await deliver({ url: url('/hooks', 'receiver.invalid'), ...signed() }, { allowPrivateNetworks: true, resolve });

    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(lookups).toEqual(['receiver.invalid']);
    expect(receiver.requests[0].headers.host).toBe(`receiver.invalid:${receiver.port}`);
  });

  it('over https, names the host, not the address, in the TLS handshake (SNI)', async () => {
    const serverNames: string[] = [];
    // No certificate: the handshake fails once the client has said which name it wants.
    const tls = createTlsServer({
      SNICallback: (serverName, callback) => {
        serverNames.push(serverName);
        callback(new Error('no certificate'));
      },
    });
    tls.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    try {
      const result = await deliver(
        { url: `https://receiver.invalid:${(tls.address() as AddressInfo).port}/hooks`, ...signed() },
        { allowPrivateNetworks: true, resolve },
      );
      expect(result).toMatchObject({ kind: 'network_error' });
      expect(serverNames).toEqual(['receiver.invalid']);
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });
});

describe('deliver with a connection pool', () => {
  let server: Server;
  let connections = 0;
  /** What the receiver does with the n-th request (from 1) on one connection. */
  let onRequest: (nth: number, response: ServerResponse) => void;
  let pool: ConnectionPool;
  const port = () => (server.address() as AddressInfo).port;

  beforeEach(async () => {
    connections = 0;
    onRequest = (_nth, response) => response.writeHead(204).end();
    pool = new ConnectionPool();
    const perConnection = new WeakMap<object, number>();
    server = createServer((request, response) => {
      const nth = (perConnection.get(request.socket) ?? 0) + 1;
      perConnection.set(request.socket, nth);
      request.resume();
      request.on('end', () => onRequest(nth, response));
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    pool.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends successive attempts to a receiver on one kept-alive connection', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await deliver({ url: `http://127.0.0.1:${port()}/hooks`, ...signed() }, LOCAL, pool)).toMatchObject({ status: 204 });
    }
    expect(connections).toBe(1);
  });

  it('sends again, on a new connection, when the receiver drops a kept-alive one before answering', async () => {
    onRequest = (nth, response) => (nth > 1 ? response.socket?.destroy() : response.writeHead(204).end());
    const url = `http://127.0.0.1:${port()}/hooks`;
    expect(await deliver({ url, ...signed() }, LOCAL, pool)).toMatchObject({ status: 204 });
    expect(await deliver({ url, ...signed() }, LOCAL, pool)).toMatchObject({ status: 204 });
    expect(connections).toBe(2);
  });

  it('does not reuse a connection to the address a host resolved to before (DNS rebinding)', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    const resolve: Resolver = async () => [{ address: answers.shift() as string, family: 4 }];
    const policy = { allowPrivateNetworks: true, resolve };
    const url = `http://receiver.invalid:${port()}/hooks`;
    expect(await deliver({ url, ...signed() }, policy, pool)).toMatchObject({ status: 204 });
    // The receiver listens on 127.0.0.1 only: the idle connection there is not the address vetted now.
    expect(await deliver({ url, ...signed() }, policy, pool)).toMatchObject({ kind: 'network_error', code: 'ECONNREFUSED' });
    expect(connections).toBe(1);
  });
});
