import { DEFAULT_IDEMPOTENCY_LEASE_SECONDS } from '../idempotency/idempotency-store';

// Log redaction and trace context, shared by both apps' logging (exported through @billing/core with the config).
export * from './telemetry';

/**
 * The process configuration, read once from the environment and validated at start. A bad value stops the
 * start with a message naming the variable (ConfigError), never a half-configured process.
 */
export interface AppConfig {
  port: number;
  /** Port of the scheduler's /health, /health/ready and /metrics (0: an ephemeral port, as the tests use). */
  schedulerPort: number;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Namespace of the queues' Redis keys, so deployments (or test files) can share one Redis. */
  queuePrefix: string;
  logLevel: string;
  clockMode: 'system' | 'test';
  rateLimitPerHour: number;
  usageRateLimitPerHour: number;
  bootstrapApiKey: string | undefined;
  jwtPublicKey: string | undefined;
  jwtJwksUrl: string | undefined;
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  stripeApiBase: string | undefined;
  webhookAllowPrivateNetworks: boolean;
  /** A request (headers and body) must arrive within this, else 408. */
  requestTimeoutSeconds: number;
  /** How long an Idempotency-Key stays claimed by a request that never answered (its process died). */
  idempotencyLeaseSeconds: number;
  sellerCountry: string | undefined;
  /** The seller's name, address lines and tax id as printed on invoices (frozen into each at finalization). */
  sellerName: string;
  sellerAddress: string | undefined;
  sellerTaxId: string | undefined;
  dataDir: string;
  /**
   * Where traces go (OTLP over HTTP); unset: tracing is off and its SDK is never loaded. Read by each app's
   * telemetry/tracing.ts before anything else loads, and by the OpenTelemetry SDK itself; validated here.
   */
  otlpEndpoint: string | undefined;
  /** The api's database time limits: a caller is waiting, so a stalled or locked database answers 503 within seconds. */
  apiDatabaseTimeouts: DatabaseTimeouts;
  /** The scheduler's: a statement limit only, none by default, so that long background work is never cut short. */
  schedulerDatabaseTimeouts: DatabaseTimeouts;
}

/** Time limits of a process's database sessions, in milliseconds; 0 is none. */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, or for a new one to be established. */
  connectMs: number;
  /** A statement's run on the server (statement_timeout); the client stops waiting a second later. */
  statementMs: number;
  /** A statement's wait for a lock (lock_timeout). */
  lockMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

// A day: a longer limit is no limit, and Node's timers (the client-side ones) stop at 24.8 days.
const MAX_TIMEOUT_MS = 86_400_000;

export function loadConfig(env: Env = process.env): AppConfig {
  const jwtPublicKey = optional(env, 'JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n');
  if (jwtPublicKey && !jwtPublicKey.includes('-----BEGIN')) {
    throw new ConfigError('JWT_PUBLIC_KEY', 'must be a PEM public key (multi-line or with \\n escapes)');
  }
  const bootstrapApiKey = optional(env, 'BILLING_BOOTSTRAP_API_KEY');
  if (bootstrapApiKey !== undefined && bootstrapApiKey.length < 32) {
    throw new ConfigError('BILLING_BOOTSTRAP_API_KEY', 'must be at least 32 characters long');
  }
  const sellerCountry = optional(env, 'SELLER_COUNTRY');
  if (sellerCountry !== undefined && !/^[A-Z]{2}$/.test(sellerCountry)) {
    throw new ConfigError('SELLER_COUNTRY', 'must be an ISO 3166-1 alpha-2 code such as "DE"');
  }
  return {
    port: integer(env, 'PORT', 8000, 0, 65535),
    schedulerPort: integer(env, 'SCHEDULER_PORT', 8001, 0, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    queuePrefix: optional(env, 'QUEUE_PREFIX') ?? 'billing',
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    clockMode: oneOf(env, 'BILLING_CLOCK', ['system', 'test'] as const, 'system'),
    rateLimitPerHour: integer(env, 'RATE_LIMIT_PER_HOUR', 1000, 1, 1e9),
    usageRateLimitPerHour: integer(env, 'USAGE_RATE_LIMIT_PER_HOUR', 100000, 1, 1e9),
    idempotencyLeaseSeconds: integer(env, 'IDEMPOTENCY_LEASE_SECONDS', DEFAULT_IDEMPOTENCY_LEASE_SECONDS, 1, 3600),
    requestTimeoutSeconds: integer(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 600),
    bootstrapApiKey,
    jwtPublicKey,
    jwtJwksUrl: url(env, 'JWT_JWKS_URL', ['http:', 'https:']),
    jwtIssuer: optional(env, 'JWT_ISSUER'),
    jwtAudience: optional(env, 'JWT_AUDIENCE'),
    stripeSecretKey: optional(env, 'STRIPE_SECRET_KEY'),
    stripeWebhookSecret: optional(env, 'STRIPE_WEBHOOK_SECRET'),
    stripeApiBase: url(env, 'STRIPE_API_BASE', ['http:', 'https:']),
    webhookAllowPrivateNetworks: boolean(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', false),
    sellerCountry,
    sellerName: optional(env, 'SELLER_NAME') ?? 'Billing Platform',
    sellerAddress: optional(env, 'SELLER_ADDRESS'),
    sellerTaxId: optional(env, 'SELLER_TAX_ID'),
    dataDir: optional(env, 'DATA_DIR') ?? '.data',
    otlpEndpoint: url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
    // The api's statements take milliseconds (a 1000-event usage batch about 100 ms), so 5 s is far beyond
    // any healthy request, and a caller who waits longer is better told 503 and when to retry. Locks are held
    // for a chunk of a bill run or of renewals at most (some 100 ms): a 2 s wait means a long transaction in
    // the way. 5 s for a connection too: past that the pool is exhausted or the server is not accepting.
    apiDatabaseTimeouts: {
      connectMs: integer(env, 'API_DB_CONNECT_TIMEOUT_MS', 5000, 0, MAX_TIMEOUT_MS),
      statementMs: integer(env, 'API_DB_STATEMENT_TIMEOUT_MS', 5000, 0, MAX_TIMEOUT_MS),
      lockMs: integer(env, 'API_DB_LOCK_TIMEOUT_MS', 2000, 0, MAX_TIMEOUT_MS),
    },
    // The scheduler has no caller waiting: it waits out a slow or stalled database, and retention's DELETE of
    // a day of usage keys may rightly take minutes. An operator may still bound its statements.
    schedulerDatabaseTimeouts: {
      connectMs: 0,
      statementMs: integer(env, 'SCHEDULER_DB_STATEMENT_TIMEOUT_MS', 0, 0, MAX_TIMEOUT_MS),
      lockMs: 0,
    },
  };
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be true or false, got "${raw}"`);
  return raw === 'true';
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}
