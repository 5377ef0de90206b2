import { ConfigError, loadConfig } from './config';

describe(loadConfig.name, () => {
  it('uses the documented defaults on an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8000,
      databaseUrl: undefined,
      redisUrl: undefined,
      clockMode: 'system',
      rateLimitPerHour: 1000,
      logLevel: 'info',
      webhookAllowPrivateNetworks: false,
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
  ])('refuses %s=%s with an error that names the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
