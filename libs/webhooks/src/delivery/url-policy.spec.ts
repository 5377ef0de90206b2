import { checkWebhookUrl, forbiddenRange, ResolvedAddress, Resolver } from './url-policy';

const PUBLIC_V4 = '93.184.215.14';
const PUBLIC_V6 = '2606:2800:21f:cb07:6820:80da:af6b:8b2c';

/** A DNS of our own: host names map to addresses, anything else does not exist. */
function fakeDns(records: Record<string, string[]>): Resolver {
  return async (hostname) => {
    const addresses = records[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const resolve = fakeDns({
  'hooks.example.com': [PUBLIC_V4, PUBLIC_V6],
  'internal.example.com': ['10.0.0.1'],
  'split.example.com': [PUBLIC_V4, '192.168.1.20'],
  'mapped.example.com': [PUBLIC_V6, '::ffff:127.0.0.1'],
  'metadata.example.com': ['169.254.169.254'],
  'nothing.example.com': [],
});
const strict = { allowPrivateNetworks: false, resolve };
const lenient = { allowPrivateNetworks: true, resolve };

describe(checkWebhookUrl.name, () => {
  it('accepts a public https URL, with every address of its host', async () => {
    const check = await checkWebhookUrl('https://hooks.example.com/billing?tenant=1', strict);
    expect(check).toEqual({
      ok: true,
      url: new URL('https://hooks.example.com/billing?tenant=1'),
      addresses: [
        { address: PUBLIC_V4, family: 4 },
        { address: PUBLIC_V6, family: 6 },
      ],
    });
  });

  it.each<[string, string, object]>([
    ['loopback', 'http://127.0.0.1:8000/hooks', { reason: 'forbidden_address', address: '127.0.0.1', range: 'loopback' }],
    ['IPv6 loopback', 'http://[::1]/hooks', { reason: 'forbidden_address', address: '::1', range: 'loopback' }],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/', { reason: 'forbidden_address', range: 'metadata' }],
    ['the IPv6 metadata address', 'http://[fd00:ec2::254]/', { reason: 'forbidden_address', range: 'metadata' }],
    ['a private address', 'https://10.0.0.1/', { reason: 'forbidden_address', address: '10.0.0.1', range: 'private' }],
    ['the unspecified address', 'http://0.0.0.0:8000/', { reason: 'forbidden_address', range: 'unspecified' }],
    [
      'IPv4-mapped IPv6 loopback',
      'http://[::ffff:127.0.0.1]/',
      { reason: 'forbidden_address', address: '::ffff:7f00:1', range: 'loopback' },
    ],
    ['loopback written as a number', 'http://2130706433/', { reason: 'forbidden_address', address: '127.0.0.1', range: 'loopback' }],
    ['loopback written in hexadecimal', 'http://0x7f.1/', { reason: 'forbidden_address', address: '127.0.0.1', range: 'loopback' }],
    ['a name resolving to a private address', 'https://internal.example.com/', { reason: 'forbidden_address', address: '10.0.0.1' }],
    [
      'a name with one private address among public ones',
      'https://split.example.com/',
      { reason: 'forbidden_address', address: '192.168.1.20' },
    ],
    ['a name resolving to IPv4-mapped loopback', 'https://mapped.example.com/', { reason: 'forbidden_address', range: 'loopback' }],
    ['a name resolving to the metadata address', 'http://metadata.example.com/', { reason: 'forbidden_address', range: 'metadata' }],
    ['ftp', 'ftp://hooks.example.com/upload', { reason: 'unsupported_scheme' }],
    ['a file URL', 'file:///etc/passwd', { reason: 'unsupported_scheme' }],
    ['a user name and password', 'https://user:pass@hooks.example.com/', { reason: 'credentials' }],
    ['a user name alone', 'https://user@hooks.example.com/', { reason: 'credentials' }],
    ['no URL at all', 'hooks.example.com/billing', { reason: 'invalid_url' }],
    ['an unknown host', 'https://unknown.example.com/', { reason: 'unresolvable', code: 'ENOTFOUND' }],
    ['a host without addresses', 'https://nothing.example.com/', { reason: 'unresolvable', code: 'ENOTFOUND' }],
  ])('refuses %s', async (_, url, refusal) => {
    expect(await checkWebhookUrl(url, strict)).toMatchObject({ ok: false, ...refusal });
  });

  it.each<[string, string]>([
    ['a private address', 'http://internal.example.com/'],
    ['a literal one', 'http://10.0.0.1/'],
    ['loopback', 'http://127.0.0.1:3000/hooks'],
    ['IPv6 loopback', 'http://[::1]:3000/hooks'],
    ['a unique local address', 'http://[fc00::1]/'],
    ['a shared address', 'http://100.64.0.1/'],
  ])('with private networks allowed, accepts %s', async (_, url) => {
    expect(await checkWebhookUrl(url, lenient)).toMatchObject({ ok: true });
  });

  it.each<[string, string, string]>([
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['a name resolving to it', 'http://metadata.example.com/', 'metadata'],
    ['a multicast address', 'http://224.0.0.1/', 'multicast'],
    ['the unspecified address', 'http://0.0.0.0/', 'unspecified'],
  ])('with private networks allowed, still refuses %s', async (_, url, range) => {
    expect(await checkWebhookUrl(url, lenient)).toMatchObject({ ok: false, reason: 'forbidden_address', range });
  });

  it.each<[string, string]>([
    ['http://10.0.0.1/', 'is 10.0.0.1, a private address: webhooks are only sent to public addresses'],
    [
      'https://internal.example.com/',
      'host "internal.example.com" resolves to 10.0.0.1, a private address: webhooks are only sent to public addresses',
    ],
    ['http://169.254.169.254/', 'is 169.254.169.254, the cloud metadata address: webhooks are only sent to public addresses'],
    [
      'http://192.0.2.1/',
      'is 192.0.2.1, an address that is not routable on the internet (reserved): webhooks are only sent to public addresses',
    ],
    ['ftp://hooks.example.com/', 'must be an http or https URL, not ftp'],
    ['https://unknown.example.com/', 'host "unknown.example.com" does not resolve (ENOTFOUND)'],
  ])('says why, for a 422 on url: %s', async (url, message) => {
    expect(await checkWebhookUrl(url, strict)).toMatchObject({ ok: false, message });
  });

  it('resolves with the system resolver by default', async () => {
    expect(await checkWebhookUrl('http://localhost:8000/', { allowPrivateNetworks: false })).toMatchObject({
      ok: false,
      reason: 'forbidden_address',
      range: 'loopback',
    });
  });
});

describe(forbiddenRange.name, () => {
  it.each<[string, string | null]>([
    ['8.8.8.8', null],
    [PUBLIC_V4, null],
    [PUBLIC_V6, null],
    ['2606:4700:4700::1111', null],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'linkLocal'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:8.8.8.8', null],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::808:808', null],
    ['64:ff9b:1::a00:1', 'rfc6052'],
    ['2002:a00:1::1', '6to4'],
    ['2001::1', 'teredo'],
    ['2001:db8::1', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['4000::1', 'reserved'],
    ['not an address', 'invalid'],
  ])('%s: %p', (address, range) => {
    expect(forbiddenRange(address, false)).toBe(range);
  });

  it.each<[string, string | null]>([
    ['127.0.0.1', null],
    ['10.1.2.3', null],
    ['169.254.1.1', null],
    ['fd12:3456::1', null],
    ['100.64.0.1', null],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['224.0.0.1', 'multicast'],
  ])('with private networks allowed, %s: %p', (address, range) => {
    expect(forbiddenRange(address, true)).toBe(range);
  });
});
