import { ConfigError, loadConfig } from './config';

describe(loadConfig.name, () => {
  it('uses the documented defaults on an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8000,
      schedulerPort: 8001,
      otlpEndpoint: undefined,
      databaseUrl: undefined,
      redisUrl: undefined,
      clockMode: 'system',
      rateLimitPerHour: 1000,
      logLevel: 'info',
      webhookAllowPrivateNetworks: false,
      apiDatabaseTimeouts: { connectMs: 5000, statementMs: 5000, lockMs: 2000 },
      schedulerDatabaseTimeouts: { connectMs: 0, statementMs: 0, lockMs: 0 },
    });
  });

  it.each([
    ['API_DB_CONNECT_TIMEOUT_MS', '250', { apiDatabaseTimeouts: { connectMs: 250, statementMs: 5000, lockMs: 2000 } }],
    ['API_DB_STATEMENT_TIMEOUT_MS', '0', { apiDatabaseTimeouts: { connectMs: 5000, statementMs: 0, lockMs: 2000 } }],
    ['API_DB_LOCK_TIMEOUT_MS', '86400000', { apiDatabaseTimeouts: { connectMs: 5000, statementMs: 5000, lockMs: 86400000 } }],
    ['SCHEDULER_DB_STATEMENT_TIMEOUT_MS', '600000', { schedulerDatabaseTimeouts: { connectMs: 0, statementMs: 600000, lockMs: 0 } }],
  ])('reads %s=%s as milliseconds, 0 being none', (variable, value, expected) => {
    expect(loadConfig({ [variable]: value })).toMatchObject(expected);
  });

  it('reads SCHEDULER_PORT (0: ephemeral) and the OTLP endpoint', () => {
    expect(loadConfig({ SCHEDULER_PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      schedulerPort: 0,
      otlpEndpoint: 'http://collector:4318',
    });
  });

  it('turns \\n escapes of JWT_PUBLIC_KEY into a multi-line PEM', () => {
    const config = loadConfig({ JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----' });
    expect(config.jwtPublicKey).toBe('-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['BILLING_CLOCK', 'fast'],
    ['LOG_LEVEL', 'loud'],
    ['RATE_LIMIT_PER_HOUR', '0'],
    ['BILLING_BOOTSTRAP_API_KEY', 'too-short'],
    ['JWT_PUBLIC_KEY', 'not a pem'],
    ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'yes'],
    ['SELLER_COUNTRY', 'Germany'],
    ['API_DB_CONNECT_TIMEOUT_MS', '5s'],
    ['API_DB_STATEMENT_TIMEOUT_MS', '-1'],
    ['API_DB_LOCK_TIMEOUT_MS', '1.5'],
    ['SCHEDULER_DB_STATEMENT_TIMEOUT_MS', '86400001'],
    ['SCHEDULER_PORT', '8001x'],
    ['SCHEDULER_PORT', '65536'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'grpc://collector:4317'],
  ])('refuses %s=%s with an error that names the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
