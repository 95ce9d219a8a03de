// SPF record syntax (RFC 7208 §4.6, §5, §6). Pure: text in, terms and errors out.
import { isIP } from 'node:net';

export type Qualifier = '+' | '-' | '~' | '?';
export const MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type MechanismName = (typeof MECHANISMS)[number];

/** Mechanisms and modifiers that cost a DNS lookup toward the limit of 10 (RFC 7208 §4.6.4). */
export const LOOKUP_TERMS = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);
/** RFC 7208 §4.6.4: at most 10 DNS-querying terms and 2 void lookups per evaluation. */
export const LOOKUP_LIMIT = 10;
export const VOID_LIMIT = 2;

export interface Mechanism {
  kind: 'mechanism';
  qualifier: Qualifier;
  name: MechanismName;
  /** The domain-spec or address after ':' (without the CIDR suffix). */
  value?: string;
  cidr?: string;
  text: string;
}

export interface Modifier {
  kind: 'modifier';
  name: string;
  value: string;
  text: string;
}

export type Term = Mechanism | Modifier;

export interface SpfRecord {
  terms: Term[];
  errors: string[];
  redirect?: string;
  /** The `all` mechanism's qualifier, when the record has one. */
  all?: Qualifier;
}

export function isSpfRecord(text: string): boolean {
  return /^v=spf1(\s|$)/i.test(text);
}

function hasMacro(s: string): boolean {
  return s.includes('%');
}

/** A domain-spec: either a plain domain name or something with macros (checked loosely). */
function validDomainSpec(s: string): boolean {
  if (!s || s.length > 253) return false;
  if (hasMacro(s)) return /^([\x21-\x7e])+$/.test(s) && !/%[^{%_-]/.test(s);
  return (
    /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})?)*\.?$/.test(s) &&
    s.includes('.')
  );
}

function parseMechanism(term: string, errors: string[]): Mechanism | undefined {
  let qualifier: Qualifier = '+';
  let rest = term;
  if (/^[-+~?]/.test(rest)) {
    qualifier = rest[0] as Qualifier;
    rest = rest.slice(1);
  }
  const m = /^([A-Za-z0-9]+)(?::(.*?))?(\/\/?.*)?$/.exec(rest);
  const name = m?.[1]?.toLowerCase() as MechanismName | undefined;
  if (!m || !name || !(MECHANISMS as readonly string[]).includes(name)) {
    errors.push(`unknown mechanism "${term}"`);
    return undefined;
  }
  const value = m[2];
  const cidr = m[3];
  const mech: Mechanism = { kind: 'mechanism', qualifier, name, text: term };
  if (value !== undefined) mech.value = value;
  if (cidr !== undefined) mech.cidr = cidr;
  switch (name) {
    case 'all':
      if (value !== undefined || cidr !== undefined) errors.push(`"${term}": all takes no argument`);
      break;
    case 'include':
    case 'exists':
      if (!value || !validDomainSpec(value) || cidr) errors.push(`"${term}": ${name} needs a domain`);
      break;
    case 'ptr':
      if ((value !== undefined && !validDomainSpec(value)) || cidr)
        errors.push(`"${term}": bad ptr argument`);
      break;
    case 'a':
    case 'mx':
      if (value !== undefined && !validDomainSpec(value)) errors.push(`"${term}": bad domain`);
      if (cidr && !/^(\/([0-9]|[12][0-9]|3[0-2]))?(\/\/([0-9]{1,2}|1[01][0-9]|12[0-8]))?$/.test(cidr)) {
        errors.push(`"${term}": bad CIDR length`);
      }
      break;
    case 'ip4':
    case 'ip6': {
      const family = name === 'ip4' ? 4 : 6;
      const max = family === 4 ? 32 : 128;
      const len = cidr ? Number(cidr.slice(1)) : max;
      if (!value || isIP(value) !== family) errors.push(`"${term}": not an IPv${family} address`);
      else if (cidr && (!/^\/\d{1,3}$/.test(cidr) || len > max)) errors.push(`"${term}": bad CIDR length`);
      break;
    }
  }
  return mech;
}

/** Parse one SPF record (already known to start with v=spf1). */
export function parseSpf(text: string): SpfRecord {
  const errors: string[] = [];
  const terms: Term[] = [];
  const parts = text.trim().split(/ +/).slice(1);
  if (/[^\x20-\x7e]/.test(text)) errors.push('record contains characters outside printable ASCII');
  const seen = new Set<string>();
  let all: Qualifier | undefined;
  let redirect: string | undefined;
  for (const part of parts) {
    if (!part) continue;
    const mod = /^([A-Za-z][A-Za-z0-9_.-]*)=(.*)$/.exec(part);
    if (mod) {
      const name = mod[1]!.toLowerCase();
      const value = mod[2]!;
      if ((name === 'redirect' || name === 'exp') && seen.has(name)) errors.push(`"${name}=" appears twice`);
      seen.add(name);
      if (name === 'redirect') {
        if (!validDomainSpec(value)) errors.push(`"${part}": redirect needs a domain`);
        redirect = value;
      }
      terms.push({ kind: 'modifier', name, value, text: part });
      continue;
    }
    const mech = parseMechanism(part, errors);
    if (mech) {
      terms.push(mech);
      if (mech.name === 'all' && all === undefined) all = mech.qualifier;
    }
  }
  const rec: SpfRecord = { terms, errors };
  if (redirect !== undefined) rec.redirect = redirect;
  if (all !== undefined) rec.all = all;
  return rec;
}
