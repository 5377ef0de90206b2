import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may go. A webhook URL is a request our servers make wherever a customer says (SSRF), so it
 * must not reach our own network, the host itself, or the cloud's metadata service (credentials):
 * - http or https only, and no user name or password in the URL;
 * - the host is resolved (an IP literal is taken as is) and the URL refused when ANY of its addresses is not
 *   globally routable: a name with one public and one private address would let the connection pick the
 *   private one. The ranges are ipaddr.js's (maintained from the IANA registries), not masks of our own;
 *   IPv4-mapped IPv6 (`::ffff:10.0.0.1`) and NAT64 (`64:ff9b::a00:1`) addresses are judged by the IPv4
 *   address they reach. IPv6 outside 2000::/3 (the only block IANA allocates for global unicast) is refused.
 * - `allowPrivateNetworks` (WEBHOOK_ALLOW_PRIVATE_NETWORKS, for development and on-premises receivers) allows
 *   loopback, private, link-local, unique-local and shared (carrier-grade NAT) addresses, but never the metadata
 *   addresses: no receiver lives there, and they are what an SSRF is after.
 *
 * The check answers at registration (a refusal is a 422 on `url`) and again at every delivery, whose
 * connection goes to the addresses vetted then (deliver.ts): DNS may answer differently by then.
 */

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** All the addresses of a host name, as a connection would find them. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface UrlPolicy {
  allowPrivateNetworks: boolean;
  /** Default {@link systemResolver}. */
  resolve?: Resolver;
}

export type UrlRefusal =
  | { ok: false; reason: 'invalid_url' | 'unsupported_scheme' | 'credentials'; message: string }
  | { ok: false; reason: 'unresolvable'; message: string; code: string }
  | { ok: false; reason: 'forbidden_address'; message: string; address: string; range: string };

export type UrlCheck = { ok: true; url: URL; addresses: readonly ResolvedAddress[] } | UrlRefusal;

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), which Node's connections use by default. */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true });

/** AWS, GCP, Azure, Oracle and others serve instance credentials on 169.254.169.254; AWS on fd00:ec2::254 too. */
const METADATA_ADDRESSES: ReadonlySet<string> = new Set(['169.254.169.254', 'fd00:ec2::254']);
const PRIVATE_NETWORK_RANGES: ReadonlySet<string> = new Set(['loopback', 'private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);
const GLOBAL_UNICAST_IPV6 = ipaddr.parseCIDR('2000::/3');
/** The well-known NAT64 prefix (RFC 6052): its last 32 bits are the IPv4 address a DNS64 network reaches. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  metadata: 'the cloud metadata address',
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique local address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
};

export async function checkWebhookUrl(input: string, policy: UrlPolicy): Promise<UrlCheck> {
  if (!URL.canParse(input)) return { ok: false, reason: 'invalid_url', message: 'must be an absolute URL' };
  const url = new URL(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'unsupported_scheme', message: `must be an http or https URL, not ${url.protocol.slice(0, -1)}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'credentials', message: 'must not contain a user name or password (receivers verify the signature)' };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = literal ? [{ address: host, family: literal }] : await (policy.resolve ?? systemResolver)(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'ENOTFOUND';
    return { ok: false, reason: 'unresolvable', code, message: `host "${host}" does not resolve (${code})` };
  }
  if (addresses.length === 0) {
    return { ok: false, reason: 'unresolvable', code: 'ENOTFOUND', message: `host "${host}" has no address` };
  }
  for (const { address } of addresses) {
    const range = forbiddenRange(address, policy.allowPrivateNetworks);
    if (range === null) continue;
    const what = `${address}, ${DESCRIPTIONS[range] ?? `an address that is not routable on the internet (${range})`}`;
    return {
      ok: false,
      reason: 'forbidden_address',
      address,
      range,
      message: `${literal ? `is ${what}` : `host "${host}" resolves to ${what}`}: webhooks are only sent to public addresses`,
    };
  }
  return { ok: true, url, addresses };
}

/** The range (ipaddr.js's name, or `metadata`, `invalid`) that forbids sending to `address`; null when allowed. */
export function forbiddenRange(address: string, allowPrivateNetworks: boolean): string | null {
  const range = rangeOf(address);
  if (range === 'unicast') return null;
  if (allowPrivateNetworks && PRIVATE_NETWORK_RANGES.has(range)) return null;
  return range;
}

function rangeOf(address: string): string {
  if (!ipaddr.isValid(address)) return 'invalid';
  // process() turns an IPv4-mapped IPv6 address into the IPv4 one.
  let ip = ipaddr.process(address);
  if (ip.kind() === 'ipv6' && ip.match(NAT64)) ip = ipaddr.fromByteArray(ip.toByteArray().slice(12));
  if (METADATA_ADDRESSES.has(ip.toString())) return 'metadata';
  const range = ip.range();
  return ip.kind() === 'ipv6' && range === 'unicast' && !ip.match(GLOBAL_UNICAST_IPV6) ? 'reserved' : range;
}
