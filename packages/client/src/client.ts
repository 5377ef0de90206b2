import createClient, { Client } from 'openapi-fetch';
import { RetryOptions, retryingFetch } from './retrying-fetch';
import type { paths } from './schema';

export type BillingClient = Client<paths>;

export interface BillingClientOptions extends RetryOptions {
  /** Where the API answers, e.g. `https://billing.example.com` (the document's server is `/`: relative). */
  baseUrl: string;
  /** An API key (or a JWT), sent as `Authorization: Bearer …`. */
  apiKey: string;
  /** The fetch to use (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * An openapi-fetch client typed by the API's OpenAPI document (`billing.GET('/v1/invoices', …)`), with an
 * `Idempotency-Key` on every POST and retries of 429/5xx honouring `Retry-After` (see retrying-fetch.ts).
 */
export function createBillingClient(options: BillingClientOptions): BillingClient {
  const fetcher = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { Authorization: `Bearer ${options.apiKey}` },
    fetch: retryingFetch(fetcher, options),
  });
}
