// Checking what the user typed before any of it reaches the wire: mail addresses, HELO
// names and "host[:port]". Everything here throws UsageError with one clear line.
import { parseTarget } from '../dns/parse-target.js';
import { assertNoControlChars, UsageError } from '../findings/errors.js';

export { checkHeloName } from '../smtp/helo-name.js';

/**
 * A mailbox for MAIL FROM / RCPT TO. Accepts "a@b" or "<a@b>"; `allowEmpty` for the null
 * sender "<>" (bounces). Refuses CR/LF/NUL (command injection), spaces and angle brackets.
 */
export function checkAddress(label: string, raw: string, allowEmpty = false): string {
  assertNoControlChars(label, raw);
  let a = raw.trim();
  if (a.startsWith('<') && a.endsWith('>')) a = a.slice(1, -1).trim();
  if (a === '') {
    if (allowEmpty) return '';
    throw new UsageError(`${label} is empty`);
  }
  if (/[<>\s]/.test(a)) throw new UsageError(`${label} "${a}" contains spaces or angle brackets`);
  const at = a.lastIndexOf('@');
  if (at <= 0 || at === a.length - 1)
    throw new UsageError(`${label} "${a}" is not an address like user@example.com`);
  if (Buffer.byteLength(a) > 254)
    throw new UsageError(`${label} is longer than 254 octets (RFC 5321 §4.5.3.1)`);
  return a;
}

export function domainOf(addr: string): string {
  return addr.slice(addr.lastIndexOf('@') + 1).replace(/^\[|\]$/g, '');
}

/** An SMTP server to connect to (send --server); not a DNS server (src/dns/server.ts, DnsServerSpec). */
export interface SmtpServerSpec {
  host: string;
  port?: number;
}

/** "host", "host:587", "1.2.3.4:25", "[2001:db8::1]:587" or a bare IPv6 address (src/dns/parse-target.ts). */
export function parseSmtpServer(raw: string, label = '--server'): SmtpServerSpec {
  const { host, port } = parseTarget(raw, { label, port: true });
  return port === undefined ? { host } : { host, port };
}
