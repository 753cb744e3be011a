import { isIP } from 'node:net';
import { expandIPv6Address, isValidPublicIPv4Address, isValidPublicIPv6Address } from '@fedify/vocab-runtime';

/**
 * Fedify's tables (vocab-runtime 2.3.6, `nonPublicIPv4Prefixes` / `nonPublicIPv6Prefixes`) already
 * refuse 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24, the three test nets,
 * 192.88.99/24, 192.168/16, 198.18/15 (benchmarking), 224/4 and 240/4; and in IPv6 ::/16 (which
 * holds ::, ::1, IPv4-mapped ::ffff:0:0/96 and IPv4-translated ::ffff:0:0:0/96), 2001::/32,
 * 2002::/16, 64:ff9b:1::/48, fc00::/7, fe80::/10, ff00::/8, and 64:ff9b::/96 whose embedded IPv4
 * address is not public. These IPv6 blocks are missing there.
 */
const EXTRA_NON_PUBLIC_IPV6: readonly { prefix: string; bits: number; what: string }[] = [
  { prefix: '100::', bits: 64, what: 'discard-only (RFC 6666)' },
  { prefix: '2001::', bits: 23, what: 'IETF protocol assignments: benchmarking 2001:2::/48, ORCHID (RFC 2928)' },
  { prefix: '2001:db8::', bits: 32, what: 'documentation (RFC 3849)' },
  { prefix: '3fff::', bits: 20, what: 'documentation (RFC 9637)' },
  { prefix: '5f00::', bits: 16, what: 'SRv6 SIDs (RFC 9602)' },
  { prefix: 'fec0::', bits: 10, what: 'site-local, deprecated (RFC 3879)' }
];

function ipv6ToBigInt(address: string): bigint | null {
  const groups = expandIPv6Address(address).split(':');
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function inIPv6Prefix(value: bigint, prefix: string, bits: number): boolean {
  const base = ipv6ToBigInt(prefix);
  if (base === null) return false;
  const shift = BigInt(128 - bits);
  return value >> shift === base >> shift;
}

/** Whether an IP address (v4 or v6 literal, no brackets) is public unicast; anything else is false. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return isValidPublicIPv4Address(address);
  if (family !== 6) return false;
  if (!isValidPublicIPv6Address(address)) return false;
  const value = ipv6ToBigInt(address);
  return value !== null && !EXTRA_NON_PUBLIC_IPV6.some(({ prefix, bits }) => inIPv6Prefix(value, prefix, bits));
}

/**
 * Names that mean this machine whatever DNS says (RFC 6761): `localhost`, `localhost.` and every
 * `*.localhost`. Refused before any lookup.
 */
export function isLocalHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
