import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export type RuntimeMode = 'development' | 'test' | 'production';

/** Why a webhook URL (or an address it resolves to) is refused. */
export type WebhookUrlRefusal =
  | 'webhook-url.invalid'
  | 'webhook-url.credentials'
  | 'webhook-url.https-required'
  | 'webhook-url.private-address'
  | 'webhook-url.unresolvable';

/**
 * Addresses a webhook must never reach (SSRF): loopback, private, carrier-grade NAT, link-local
 * (cloud metadata at 169.254.169.254 and fd00:ec2::254), unique-local, multicast, reserved and
 * documentation ranges, and "this network".
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/**
 * Whether the gateway may connect to this address. Production: public addresses only. Development
 * and test: also loopback (local receivers), never other private ranges.
 */
export function addressAllowed(address: string, mode: RuntimeMode): boolean {
  const { address: ip, family } = normalise(address);
  if (!blocked.check(ip, family)) return true;
  return mode !== 'production' && loopback.check(ip, family);
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Checks a webhook URL before it is stored: https (plain http only to a local receiver outside
 * production), no credentials in the URL, and every address the host resolves to allowed. The
 * delivery worker checks the resolved address again at each connection (DNS can change).
 */
export async function checkWebhookUrl(
  raw: string,
  mode: RuntimeMode,
  resolve: Resolver = systemResolver,
): Promise<WebhookUrlRefusal | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhook-url.invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'webhook-url.invalid';
  if (url.username || url.password) return 'webhook-url.credentials';
  if (url.protocol === 'http:' && (mode === 'production' || !LOCAL_HOSTS.has(url.hostname)))
    return 'webhook-url.https-required';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      return 'webhook-url.unresolvable';
    }
    if (addresses.length === 0) return 'webhook-url.unresolvable';
  }
  return addresses.every((address) => addressAllowed(address, mode))
    ? null
    : 'webhook-url.private-address';
}
