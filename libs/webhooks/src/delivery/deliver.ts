import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookHeaders } from '../domain/signatures';
import type { ConnectionPool } from './connection-pool';
import { checkWebhookUrl, ResolvedAddress, UrlPolicy, UrlRefusal } from './url-policy';

/**
 * One attempt: a POST of the signed body, answering what happened and never throwing for the receiver's sake
 * (a refusal, a timeout, a reset or a 500 are all results, for decideAfterAttempt).
 *
 * The client is node:http(s), not fetch nor the `undici` package. Node 20 ships undici inside (it is fetch),
 * but `import 'undici'` does not resolve without the npm package, and fetch cannot be told which address to
 * connect to: that takes undici's own Agent, i.e. the extra dependency. node:http takes a `lookup` function,
 * never follows redirects, and sets the Host header and the TLS server name (SNI, and the name the certificate
 * is checked against) from the URL, which is all this needs.
 *
 * DNS rebinding: the host is resolved and vetted again at every attempt (registration was long ago, and DNS
 * answers change), and the connection goes to those vetted addresses: the request's `lookup` answers them
 * instead of asking DNS a second time, which a rebinding server would answer with a private address. The URL
 * keeps its host name, so Host and SNI are the original ones; an IP literal is connected to as it is.
 *
 * Connections: with a `pool` (the dispatcher's), an attempt reuses an idle connection to the same origin and the
 * same vetted address, and leaves its own open for the next when the receiver answered in full; a reused
 * connection that the receiver had closed meanwhile (reset before any answer) is retried once on a new one.
 * Without a pool, each attempt has a connection of its own.
 */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The part of the receiver's answer kept for the deliveries log. */
export const KEPT_BODY_BYTES = 1024;

export interface DeliveryRequest {
  url: string;
  headers: WebhookHeaders;
  /** The message's body, as stored: these are the bytes signed. */
  body: string;
  /** For the whole attempt: resolution, connection, and the answer's status and kept body. */
  timeoutMs?: number;
}

/** `latencyMs`: from the start of the attempt (resolution included) to the answer's status, or to the failure. */
export type DeliveryResult =
  | { kind: 'response'; status: number; retryAfter: string | null; body: string; latencyMs: number }
  | { kind: 'network_error'; code: string; message: string; latencyMs: number }
  | { kind: 'refused'; refusal: UrlRefusal; latencyMs: number };

export async function deliver(request: DeliveryRequest, policy: UrlPolicy, pool?: ConnectionPool): Promise<DeliveryResult> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const check = await beforeDeadline(checkWebhookUrl(request.url, policy), timeoutMs);
  if (check === null) return { kind: 'network_error', code: 'timeout', message: `no address within ${timeoutMs} ms`, latencyMs: elapsed() };
  if (!check.ok) {
    // A host that does not resolve now may resolve later (a DNS outage): a network error, not a refusal.
    return check.reason === 'unresolvable'
      ? { kind: 'network_error', code: check.code, message: check.message, latencyMs: elapsed() }
      : { kind: 'refused', refusal: check, latencyMs: elapsed() };
  }
  return post(check.url, check.addresses, request, timeoutMs, elapsed, pool);
}

function post(
  url: URL,
  addresses: readonly ResolvedAddress[],
  request: DeliveryRequest,
  timeoutMs: number,
  elapsed: () => number,
  pool: ConnectionPool | undefined,
) {
  return new Promise<DeliveryResult>((resolve) => {
    const body = Buffer.from(request.body, 'utf8');
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json', 'content-length': String(body.length) },
      lookup: pinnedLookup(addresses),
      // Pooled only with connections to the address vetted now (the pool's key); else a connection of its own.
      agent: pool ? pool.agentFor(url, addresses[0]) : false,
    });
    let answered = false;
    let settled = false;
    /** `keep`: the answer was read to its end, so the connection may serve the next attempt. */
    const settle = (result: DeliveryResult, keep = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      if (!keep) req.destroy();
    };
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'timeout' })),
      timeoutMs - elapsed(),
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (answered || settled) return;
      if (req.reusedSocket && error.code === 'ECONNRESET' && pool) {
        // The receiver closed the idle connection as we sent on it (its keep-alive ran out first): once more, on a
        // new one. At worst it had read the request: a second copy with the same webhook-id, as any retry.
        settled = true;
        clearTimeout(timer);
        resolve(post(url, addresses, request, timeoutMs, elapsed, undefined));
        return;
      }
      settle({ kind: 'network_error', code: error.code ?? 'network_error', message: error.message, latencyMs: elapsed() });
    });
    req.on('response', (response) => {
      answered = true;
      const latencyMs = elapsed();
      const chunks: Buffer[] = [];
      let kept = 0;
      // The status decides: a body cut short (the deadline, a reset) or too long to read changes nothing.
      const done = (keep: boolean) =>
        settle(
          {
            kind: 'response',
            status: response.statusCode as number,
            retryAfter: response.headers['retry-after'] ?? null,
            body: Buffer.concat(chunks).subarray(0, KEPT_BODY_BYTES).toString('utf8'),
            latencyMs,
          },
          keep,
        );
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= KEPT_BODY_BYTES) done(false);
      });
      response.on('end', () => done(true));
      response.on('error', () => done(false));
      response.on('close', () => done(false));
    });
    req.end(body);
  });
}

/** Answers the vetted addresses whatever is asked: in both shapes, since Node asks for all when it may try several. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) =>
    process.nextTick(() => {
      if (options.all) callback(null, [...addresses]);
      else callback(null, addresses[0].address, addresses[0].family);
    });
}

async function beforeDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
