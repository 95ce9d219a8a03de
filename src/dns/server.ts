// Which DNS server to ask: parsing --dns/--server values and the system default (/etc/resolv.conf).
import { readFileSync } from 'node:fs';
import { UsageError } from '../findings/errors.js';
import { ipFamily } from './ip-family.js';

export type DnsServerSpec =
  | { kind: 'udp'; host: string; port: number; label: string }
  | { kind: 'doh'; url: URL; label: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function portOf(text: string, spec: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new UsageError(`DNS server '${spec}': port must be 1-65535`);
  }
  return port;
}

/** Human label: IPv6 in brackets so the port reads unambiguously. */
export function hostPortLabel(host: string, port: number): string {
  return ipFamily(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Parse ip, ip:port, [v6]:port, v6, hostname[:port], or a DoH URL. Throws UsageError. */
export function parseDnsServer(spec: string): DnsServerSpec {
  const s = spec.trim();
  if (s === '' || /[\s\0]/.test(s)) throw new UsageError(`DNS server '${spec}' is not usable`);
  if (/^https?:\/\//i.test(s)) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      throw new UsageError(`DNS server '${spec}' is not a valid URL`);
    }
    // Plain HTTP would expose and let anyone alter answers; allow it only on this machine (tests, local proxies).
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      throw new UsageError(
        `DNS-over-HTTPS needs an https:// URL (http:// is accepted only for loopback): ${spec}`,
      );
    }
    return { kind: 'doh', url, label: url.href };
  }
  let host = s;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(s);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = portOf(bracketed[2], spec);
    if (ipFamily(host.split('%')[0]!) !== 6)
      throw new UsageError(`DNS server '${spec}': not an IPv6 address in brackets`);
  } else if (ipFamily(s.split('%')[0]!) === 6) {
    host = s;
  } else {
    const colon = s.lastIndexOf(':');
    if (colon !== -1) {
      host = s.slice(0, colon);
      port = portOf(s.slice(colon + 1), spec);
    }
    if (
      ipFamily(host) !== 4 &&
      !(
        /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(host) &&
        host.replace(/\.$/, '').length <= 253 &&
        host.split('.').every((label) => label.length <= 63)
      )
    ) {
      throw new UsageError(
        `DNS server '${spec}' is not an IP address, [IPv6]:port, host name, or https:// URL`,
      );
    }
    // All digits and dots but not an IPv4 address (300.1.1.1, 10.0.0): a mistyped address, not a
    // host name to look up (no top-level domain is numeric).
    if (/^[\d.]+$/.test(host) && ipFamily(host) !== 4)
      throw new UsageError(`DNS server '${spec}' is not a valid IPv4 address`);
  }
  return { kind: 'udp', host, port, label: hostPortLabel(host, port) };
}

/** The first usable `nameserver` line of resolv.conf text, or undefined. */
export function nameserverFrom(text: string): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const m = /^nameserver\s+(\S+)$/.exec(line);
    if (m && ipFamily(m[1]!.split('%')[0]!)) return m[1]!;
  }
  return undefined;
}

/** The system's resolver per resolv.conf; 127.0.0.1 when it names none (glibc does the same). */
export function systemServer(path = '/etc/resolv.conf'): string {
  try {
    return nameserverFrom(readFileSync(path, 'utf8')) ?? '127.0.0.1';
  } catch {
    return '127.0.0.1';
  }
}
