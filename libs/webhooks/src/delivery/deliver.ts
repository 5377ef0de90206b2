import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookHeaders } from '../domain/signatures';
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

export async function deliver(request: DeliveryRequest, policy: UrlPolicy): Promise<DeliveryResult> {
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
  return post(check.url, check.addresses, request, timeoutMs, elapsed);
}

function post(url: URL, addresses: readonly ResolvedAddress[], request: DeliveryRequest, timeoutMs: number, elapsed: () => number) {
  return new Promise<DeliveryResult>((resolve) => {
    const body = Buffer.from(request.body, 'utf8');
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json', 'content-length': String(body.length) },
      lookup: pinnedLookup(addresses),
      // A connection of its own: a pooled one would go to an address vetted for an earlier attempt.
      agent: false,
    });
    let answered = false;
    let settled = false;
    const settle = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      req.destroy();
    };
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'timeout' })),
      timeoutMs - elapsed(),
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered) settle({ kind: 'network_error', code: error.code ?? 'network_error', message: error.message, latencyMs: elapsed() });
    });
    req.on('response', (response) => {
      answered = true;
      const latencyMs = elapsed();
      const chunks: Buffer[] = [];
      let kept = 0;
      // The status decides: a body cut short (the deadline, a reset) or too long to read changes nothing.
      const done = () =>
        settle({
          kind: 'response',
          status: response.statusCode as number,
          retryAfter: response.headers['retry-after'] ?? null,
          body: Buffer.concat(chunks).subarray(0, KEPT_BODY_BYTES).toString('utf8'),
          latencyMs,
        });
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= KEPT_BODY_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
      response.on('close', done);
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
