// The name to announce in EHLO/HELO: this machine's FQDN (RFC 5321 §4.1.4), found from the
// host name and the system resolver; otherwise an address literal of our side of the socket.
import { lookup, lookupService } from 'node:dns/promises';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { assertNoControlChars, UsageError } from '../findings/errors.js';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(undefined), ms);
    t.unref?.();
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        clearTimeout(t);
        resolve(undefined);
      },
    );
  });
}

const isFqdn = (n: string | undefined): n is string =>
  !!n && n.includes('.') && !n.endsWith('.localdomain') && !isIP(n);

let cached: Promise<string | undefined> | undefined;

/** This machine's FQDN, or undefined when it has none (then use addressLiteral()). */
export function defaultHeloName(): Promise<string | undefined> {
  cached ??= (async () => {
    const host = hostname();
    if (isFqdn(host)) return host;
    const addr = await withTimeout(lookup(host), 2000);
    if (!addr) return undefined;
    const svc = await withTimeout(lookupService(addr.address, 25), 2000);
    return isFqdn(svc?.hostname) ? svc.hostname : undefined;
  })();
  return cached;
}

/** The EHLO name when none was given: the FQDN, else the literal of our side of the socket. */
export async function heloNameFor(localAddress: string | undefined): Promise<string> {
  return (await defaultHeloName()) ?? addressLiteral(localAddress);
}

/** "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 §4.1.3). */
export function addressLiteral(address: string | undefined): string {
  if (!address) return '[127.0.0.1]';
  const a = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(a) === 6 ? `[IPv6:${a}]` : `[${a}]`;
}

/** A HELO/EHLO name: a host name or an address literal, nothing that could carry a second command. */
export function checkHeloName(raw: string, label = '--helo'): string {
  assertNoControlChars(label, raw);
  const n = raw.trim();
  if (
    !/^(\[[0-9A-Fa-f:.]+(?:IPv6:[0-9A-Fa-f:.]+)?\]|\[IPv6:[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))$/.test(
      n,
    )
  ) {
    throw new UsageError(`${label} "${n.slice(0, 60)}" is not a host name or [address] literal`);
  }
  return n;
}
