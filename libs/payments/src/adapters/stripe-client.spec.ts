import { ConfigError } from '@billing/core';
import { stripeHost } from './stripe-client';

describe(stripeHost.name, () => {
  it.each([
    ['http://127.0.0.1:12111', { host: '127.0.0.1', port: 12111, protocol: 'http' }],
    ['http://localhost:12111/', { host: 'localhost', port: 12111, protocol: 'http' }],
    ['https://stripe-mock.internal', { host: 'stripe-mock.internal', port: 443, protocol: 'https' }],
    ['http://stripe-mock.internal', { host: 'stripe-mock.internal', port: 80, protocol: 'http' }],
    ['http://[::1]:12111', { host: '::1', port: 12111, protocol: 'http' }],
  ])('takes %s as %o', (apiBase, expected) => {
    expect(stripeHost(apiBase)).toEqual(expected);
  });

  it.each(['http://localhost:12111/stripe', 'http://localhost:12111/?x=1', 'ftp://localhost'])(
    'refuses %s, naming STRIPE_API_BASE',
    (apiBase) => {
      expect(() => stripeHost(apiBase)).toThrow(ConfigError);
      expect(() => stripeHost(apiBase)).toThrow(/STRIPE_API_BASE/);
    },
  );
});
