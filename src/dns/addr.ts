// Address facts: IP literals in names, reverse-lookup names, and which ranges are not public.
import { ipFamily } from './ip-family.js';
import { RESERVED_SUFFIXES, SPECIAL_V4, SPECIAL_V6 } from './special.js';
import { canonicalName } from './wire-name.js';

export { ipFamily };

/** "192.0.2.1", "[192.0.2.1]", "[IPv6:2001:db8::1]", or a bare IPv6 address used where a host name belongs. */
export function ipLiteralOf(name: string): string | undefined {
  const n = name.trim().replace(/\.$/, '');
  const inner = /^\[(?:ipv6:)?([^\]]+)\]$/i.exec(n)?.[1] ?? n;
  return ipFamily(inner) ? inner : undefined;
}

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** Expand an IPv6 address to 8 groups of 16 bits (handles :: and an embedded IPv4 tail). */
export function v6Groups(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase();
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4tail) {
    const n = v4ToInt(v4tail[1]!);
    text = text.slice(0, -v4tail[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g, 16));
}

/** Compare addresses by value, so "2001:db8::1" equals "2001:0db8:0:0::1". */
export function sameAddress(a: string, b: string): boolean {
  const fa = ipFamily(a);
  if (fa !== ipFamily(b) || fa === 0) return false;
  return fa === 4 ? a === b : v6Groups(a).join(':') === v6Groups(b).join(':');
}

export function reverseName(ip: string): string {
  if (ipFamily(ip) === 4) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  const nibbles = v6Groups(ip)
    .map((g) => g.toString(16).padStart(4, '0'))
    .join('')
    .split('');
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

function inV4(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/') as [string, string];
  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  return (v4ToInt(ip) & mask) >>> 0 === (v4ToInt(base) & mask) >>> 0;
}

function inV6(groups: number[], cidr: string): boolean {
  const [base, bitsText] = cidr.split('/') as [string, string];
  const b = v6Groups(base);
  let bits = Number(bitsText);
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((groups[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

/** Why an address is not usable on the public Internet (e.g. "private (RFC 1918)"), or undefined if it is public. */
export function specialRange(ip: string): string | undefined {
  const family = ipFamily(ip.split('%')[0]!);
  if (family === 4) return SPECIAL_V4.find(([cidr]) => inV4(ip, cidr))?.[1];
  if (family !== 6) return undefined;
  const groups = v6Groups(ip);
  // IPv4-mapped (::ffff:a.b.c.d): judge the IPv4 address inside.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const v4 = `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
    return specialRange(v4) ?? 'IPv4-mapped IPv6 (RFC 4291)';
  }
  return SPECIAL_V6.find(([cidr]) => inV6(groups, cidr))?.[1];
}

/** The domain sits under a suffix reserved for testing, documentation or private use (RFC 2606, 6761, 6762, 8375). */
export function reservedSuffix(domain: string): string | undefined {
  const d = canonicalName(domain);
  return RESERVED_SUFFIXES.find((s) => d === s || d.endsWith(`.${s}`));
}
