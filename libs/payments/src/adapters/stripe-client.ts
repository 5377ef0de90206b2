import { ConfigError } from '@billing/core';
import Stripe from 'stripe';

export interface StripeClientOptions {
  secretKey: string;
  /** `STRIPE_API_BASE`: another Stripe-compatible server (a local test server), as a URL with no path. */
  apiBase?: string;
  /** Retries of one call by the SDK itself; see {@link DEFAULT_MAX_NETWORK_RETRIES}. */
  maxNetworkRetries?: number;
  /** Per attempt; see {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * Two retries. The SDK retries a call on a connection error, a timeout, a 409 (a lock, or the same key being
 * processed) and a 5xx, with backoff (0.5 s, then 1 s), and every retry carries the same `Idempotency-Key`
 * (ours, derived from our ids): Stripe answers a retry with the first request's stored result, so a retry can
 * never charge twice. Retrying here settles the common blips (a stale keep-alive socket, a brief 5xx) within
 * about 1.5 s, and keeps most payments out of `unknown`. More would only keep an API request (attaching a card,
 * `POST /v1/invoices/{id}/pay`) waiting on a Stripe that is down; past two the outcome is `ambiguous` and the
 * payment's reconciliation, or the job's own retry with the same key, takes over. (A connection closed under
 * the first attempt is retried once by the SDK even with 0, for the same reason.)
 */
export const DEFAULT_MAX_NETWORK_RETRIES = 2;

/**
 * 30 s per attempt rather than the SDK's 80 s: an off-session card payment is confirmed in a few seconds, so
 * 30 s is far beyond a healthy answer, and three attempts stay under about 95 s in the worst case.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The official SDK, pinned to the API version it was built for (its default: its types describe that one).
 * `STRIPE_API_BASE` gives the SDK's host, port and protocol; the SDK has no base path, so a URL with one is refused.
 */
export function createStripeClient(options: StripeClientOptions): Stripe {
  return new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? DEFAULT_MAX_NETWORK_RETRIES,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    appInfo: { name: 'billing-platform' },
    ...(options.apiBase ? stripeHost(options.apiBase) : {}),
  });
}

export function stripeHost(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError('STRIPE_API_BASE', `must use http: or https:, got "${url.protocol}"`);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigError('STRIPE_API_BASE', `must be a server's root URL (the Stripe SDK adds /v1/…), got "${apiBase}"`);
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  // Node's http.request takes an IPv6 address without the brackets a URL puts around it.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80, protocol };
}
