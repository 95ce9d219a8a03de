// The one parser for what users type as a server or domain: host, IPv4, [IPv6], IPv6, host:port,
// [IPv6]:port, and (where a mailbox may stand for its domain) user@domain. mx, probe, ehlo, relay,
// check, send --server and check --control all use it, so a typo gets the same one-line usage
// error (exit 3) naming the bad part everywhere, and nothing DNS cannot carry is ever sent.
// A leaf module: command validation loads it without the DNS client.
import { domainToASCII } from 'node:url';
import { assertNoControlChars, UsageError } from '../findings/errors.js';
import { ipFamily } from './ip-family.js';
import { wireName } from './wire-name.js';

export interface TargetSpec {
  /** The host as typed (IPv6 without brackets; an address's domain part). */
  host: string;
  port?: number;
  kind: 'name' | 'ip';
}

export interface TargetRules {
  /** How errors name the value: 'target', '--server', 'domains.txt line 3'. */
  label?: string;
  /** host:port allowed (not for mx, which takes domains). */
  port?: boolean;
  /** user@example.com means example.com. */
  email?: boolean;
}

/** An ordinary host name, as most targets and list lines are: parsed without further questions. */
const PLAIN_HOST = /^(?=.{1,253}$)(?:(?!-)[A-Za-z0-9_-]{1,63}(?<!-)\.)*(?!-)[A-Za-z0-9_-]{1,63}(?<!-)\.?$/;

const MAX_NAME = 253;
const MAX_LABEL = 63;

/** Typed text quoted in an error: cut short, and invisible or control characters shown as \u{…}. */
const show = (s: string, max = 40) =>
  (s.length > max ? `${s.slice(0, max)}…` : s).replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `name` cannot be a host or domain name on the wire, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  const n = name.replace(/\.$/, '');
  if (n === '') return 'is empty';
  const odd = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.exec(n);
  if (odd) return `contains the invisible or control character ${codePoint(odd[0])}`;
  let ascii = n;
  if (!/^[\x20-\x7e]*$/.test(n)) {
    ascii = domainToASCII(n);
    if (!ascii) return 'is not a valid internationalised domain name (IDNA refuses it)';
  }
  const labels = ascii.split('.');
  if (labels.some((l) => l === '')) return 'has an empty label (two dots in a row, or a leading dot)';
  const long = labels.find((l) => l.length > MAX_LABEL);
  if (long) return `has a label of ${long.length} octets ("${show(long, 20)}"); DNS allows ${MAX_LABEL}`;
  if (ascii.length > MAX_NAME) return `is ${ascii.length} octets long; a DNS name is at most ${MAX_NAME}`;
  for (const l of labels) {
    const bad = /[^A-Za-z0-9_-]/.exec(l);
    if (bad)
      return `has "${bad[0]}" in the label "${show(l, 20)}"; host names use letters, digits and hyphens`;
    if (l.startsWith('-') || l.endsWith('-'))
      return `has a label starting or ending with a hyphen ("${show(l, 20)}")`;
  }
  if (labels.every((l) => /^\d+$/.test(l))) return 'looks like an IPv4 address but is not one';
  return wireName(n) === undefined ? 'is not a name DNS can carry' : undefined;
}

function parsePort(text: string, refuse: (why: string) => never): number {
  if (text === '') refuse('has ":" but no port after it');
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535)
    refuse(`has the port "${show(text, 12)}"; a port is a number from 1 to 65535`);
  return Number(text);
}

/** Parses one target; throws UsageError naming the value and what is wrong with it. */
export function parseTarget(raw: string, rules: TargetRules = {}): TargetSpec {
  // Fast path (a list of a million names): letters somewhere, so not a would-be IPv4 address.
  if (PLAIN_HOST.test(raw) && /[^\d.]/.test(raw)) return { host: raw, kind: 'name' };
  const label = rules.label ? `${rules.label} ` : '';
  assertNoControlChars(rules.label ?? 'target', raw);
  const refuse = (why: string): never => {
    throw new UsageError(`${label}"${show(raw, 80)}" ${why}`);
  };
  let s = raw.trim();
  if (s === '') refuse('is empty');
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]*)/i.exec(s);
  if (url) refuse(`is a URL; give the host alone${url[1] ? ` (${url[1]})` : ''}`);
  if (rules.email && s.includes('@') && !s.startsWith('[')) {
    s = s.slice(s.lastIndexOf('@') + 1);
    if (s === '') refuse('names no host after "@"');
  }
  let host = s;
  let portText: string | undefined;
  const bracket = /^\[([^\]]*)\](.*)$/.exec(s);
  if (bracket) {
    host = bracket[1]!.replace(/^ipv6:/i, '');
    if (!ipFamily(host.split('%')[0]!))
      refuse(`has "[${show(bracket[1]!, 40)}]", which is not an IP address`);
    const rest = bracket[2]!;
    if (rest !== '' && !rest.startsWith(':'))
      refuse(`has "${show(rest, 20)}" after "]"; write [address]:port`);
    if (rest !== '') portText = rest.slice(1);
  } else if (ipFamily(s.split('%')[0]!) === 6) {
    return { host: s, kind: 'ip' };
  } else {
    const colons = s.split(':').length - 1;
    if (colons > 1)
      refuse('is neither an IPv6 address nor host:port; write host:port, or [IPv6 address]:port');
    if (colons === 1) {
      host = s.slice(0, s.indexOf(':'));
      portText = s.slice(s.indexOf(':') + 1);
      if (host === '') refuse('names no host before ":"');
    }
  }
  const spec: TargetSpec = { host, kind: ipFamily(host.split('%')[0]!) ? 'ip' : 'name' };
  if (portText !== undefined) {
    if (!rules.port) refuse('has a port; give the domain alone');
    spec.port = parsePort(portText, refuse);
  }
  if (spec.kind === 'name') {
    const problem = nameProblem(host);
    if (problem) refuse(`is not a host name: it ${problem}`);
  }
  return spec;
}
