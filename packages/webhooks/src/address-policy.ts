import { BlockList, isIP } from 'node:net';

/**
 * Which addresses a delivery may connect to. Refused: private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10), CGNAT
 * (100.64/10), unspecified, multicast, broadcast, and loopback unless the URL itself names
 * loopback (a developer's receiver). An operator may allow ranges (`WEBHOOK_ALLOWED_CIDRS`).
 */
export interface AddressPolicy {
  /** Why `address` may not be connected to for a URL whose host is `host`, or null when it may. */
  refusal(address: string, host: string): string | null;
}

const REFUSED: readonly [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

/** Whether a URL's host names loopback itself: `localhost`, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/** The policy with `allowedCidrs` (e.g. `["10.1.0.0/16", "fd00::/8"]`) let through. */
export function createAddressPolicy(allowedCidrs: readonly string[] = []): AddressPolicy {
  const allowed = new BlockList();
  for (const cidr of allowedCidrs) {
    const [network, bits] = cidr.trim().split('/');
    const type = isIP(network ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (isIP(network ?? '') === 0) throw new Error(`not a CIDR range: ${cidr}`);
    allowed.addSubnet(network!, bits === undefined ? (type === 'ipv4' ? 32 : 128) : Number(bits), type);
  }
  const ranges = REFUSED.map(([network, bits, type, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, bits, type);
    return { list, type, reason };
  });
  return {
    refusal(address, host) {
      // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one.
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
      const ip = mapped ?? address;
      const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
      if (isIP(ip) === 0) return `${address} is not an IP address`;
      if (allowed.check(ip, type)) return null;
      const hit = ranges.find((range) => range.type === type && range.list.check(ip, type));
      if (hit === undefined) return null;
      if (hit.reason === 'loopback' && isLoopbackHost(host)) return null;
      return `${address} is a ${hit.reason} address`;
    },
  };
}
