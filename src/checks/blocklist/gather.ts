// Blocklist DNS I/O only: what to ask about each target (addresses, names, SPF networks), the
// zones' RFC 5782 §5 test points, and the answers. Every question goes through mailflow's shared
// resolver (its cache, concurrency bound and deadlines); judge.ts turns these facts into findings.
import { isIP } from 'node:net';
import { type Outcome, type Resolver, reverseName } from '../../dns/index.js';
import { sanitize } from '../../smtp/reply.js';
import { isSpfRecord, parseSpf } from '../spf/parse.js';
import { isIPv6Subject } from './judge.js';
import type { ActiveZone } from './select.js';
import { testPoints } from './zones.js';

/** How a subject came to be checked: given directly, an address of a host, an exchanger's, or in SPF. */
export type Role = 'given' | 'host' | 'mx' | 'spf';

export interface ZoneAnswer {
  outcome: Outcome;
  /** A records in the answer. */
  addresses: string[];
  /** TXT reasons, asked only when the A answer lists the subject. */
  txt?: string[];
  error?: string;
}

export interface Subject {
  value: string;
  kind: 'ip' | 'domain';
  roles: Role[];
  /** Per zone (same order as the run's zones): the answer, or undefined when not asked. */
  answers: (ZoneAnswer | undefined)[];
}

export interface TargetFacts {
  target: string;
  type: 'ip' | 'host' | 'domain';
  subjects: Subject[];
  /** SPF ip4:/ip6: networks wider than one address: named, not expanded. */
  wide: string[];
  /** Lookups that failed while finding what to check ("MX of example.com: timeout"). */
  lookupErrors: string[];
}

/** The answers for a pair of RFC 5782 §5 test points (zones.ts testPoints). */
export interface TestPointAnswers {
  /** The answer for the point that must be listed (127.0.0.2, or TEST for a domain list). */
  listed: ZoneAnswer;
  /** The answer for the point that must not be (127.0.0.1, or INVALID). */
  unlisted: ZoneAnswer;
}

export interface ZoneHealth extends TestPointAnswers {
  /** ::FFFF:7F00:2 and ::FFFF:7F00:1: asked of a list that holds IPv6 when IPv6 addresses are checked. */
  v6?: TestPointAnswers;
}

export interface GatherOptions {
  mx?: boolean;
  spf?: boolean;
  family?: 4 | 6;
  /** Strip secrets (the DQS key) from resolver error texts. */
  redact: (text: string) => string;
}

/** The name asked of a zone: reversed octets or nibbles for an address, the name itself for a domain. */
export function queryName(subject: string, zone: string): string {
  if (isIP(subject)) return `${reverseName(subject).replace(/\.(in-addr|ip6)\.arpa$/, '')}.${zone}`;
  return `${subject.toLowerCase().replace(/\.$/, '')}.${zone}`;
}

async function ask(resolver: Resolver, name: string, redact: (t: string) => string): Promise<ZoneAnswer> {
  const a = await resolver.query(name, 'A');
  const out: ZoneAnswer = { outcome: a.outcome, addresses: a.answers.map((r) => r.value) };
  if (a.error) out.error = redact(a.error);
  return out;
}

/** Ask one zone about one subject; the TXT reason follows only when the answer lists it. */
export async function askZone(
  resolver: Resolver,
  subject: string,
  zone: ActiveZone,
  redact: (t: string) => string,
): Promise<ZoneAnswer> {
  const name = queryName(subject, zone.query);
  const answer = await ask(resolver, name, redact);
  if (answer.outcome === 'ok' && answer.addresses.some((a) => a.startsWith('127.'))) {
    const txt = await resolver.txt(name);
    if (txt.answer.outcome === 'ok') answer.txt = txt.texts.map((t) => sanitize(t));
  }
  return answer;
}

/** Ask a zone's test points: IPv4 (or domain) ones, or with `family` 6 the IPv6 ones. */
export async function gatherHealth(
  resolver: Resolver,
  zone: ActiveZone,
  redact: (t: string) => string,
  family: 4 | 6 = 4,
): Promise<TestPointAnswers> {
  const points = testPoints(zone.def, family);
  const [listed, unlisted] = await Promise.all([
    ask(resolver, queryName(points.listed, zone.query), redact),
    ask(resolver, queryName(points.unlisted, zone.query), redact),
  ]);
  return { listed, unlisted };
}

function addSubject(list: Subject[], value: string, kind: 'ip' | 'domain', role: Role): void {
  const key = value.toLowerCase();
  const found = list.find((s) => s.value.toLowerCase() === key);
  if (found) {
    if (!found.roles.includes(role)) found.roles.push(role);
  } else list.push({ value, kind, roles: [role], answers: [] });
}

async function spfNetworks(resolver: Resolver, domain: string, facts: TargetFacts, opts: GatherOptions) {
  const { texts, answer } = await resolver.txt(domain);
  if (answer.outcome !== 'ok' && answer.outcome !== 'nxdomain' && answer.outcome !== 'nodata') {
    facts.lookupErrors.push(`SPF (TXT) of ${domain}: ${opts.redact(answer.error ?? answer.outcome)}`);
    return;
  }
  const record = texts.find(isSpfRecord);
  if (!record) return;
  for (const term of parseSpf(record).terms) {
    if (term.kind !== 'mechanism' || (term.name !== 'ip4' && term.name !== 'ip6') || !term.value) continue;
    const family = isIP(term.value);
    if (family === 0 || (opts.family && family !== opts.family)) continue;
    const bits = term.cidr ? Number(term.cidr.replace(/^\//, '')) : family === 4 ? 32 : 128;
    if (bits === (family === 4 ? 32 : 128)) addSubject(facts.subjects, term.value, 'ip', 'spf');
    else facts.wide.push(`${term.value}/${bits}`);
  }
}

/** What to check for one command-line target: an address, a host, or a mail domain. */
export async function gatherTarget(
  resolver: Resolver,
  target: string,
  opts: GatherOptions,
): Promise<TargetFacts> {
  const value = target.trim().replace(/^\[(?:ipv6:)?([^\]]+)\]$/i, '$1');
  if (isIP(value)) {
    return {
      target,
      type: 'ip',
      subjects: [{ value, kind: 'ip', roles: ['given'], answers: [] }],
      wide: [],
      lookupErrors: [],
    };
  }
  // An e-mail address stands for its domain.
  const name = value.replace(/^.*@/, '').toLowerCase().replace(/\.$/, '');
  const facts: TargetFacts = { target, type: 'host', subjects: [], wide: [], lookupErrors: [] };
  const mx = await resolver.mx(name, opts.family);
  const hasMx = mx.outcome === 'ok' && !mx.implicit && !mx.nullMx && mx.exchangers.length > 0;
  if (hasMx || opts.mx) {
    facts.type = 'domain';
    if (mx.outcome !== 'ok' && mx.outcome !== 'nodata' && mx.outcome !== 'nxdomain') {
      facts.lookupErrors.push(`MX of ${name}: ${opts.redact(mx.error ?? mx.outcome)}`);
    }
    for (const ex of mx.exchangers) {
      if (ex.error) facts.lookupErrors.push(`addresses of ${ex.host}: ${opts.redact(ex.error)}`);
      for (const a of ex.addresses) addSubject(facts.subjects, a, 'ip', 'mx');
    }
  } else {
    const found = await resolver.addresses(name, opts.family);
    if (found.addresses.length === 0 && found.outcome !== 'nxdomain' && found.outcome !== 'nodata') {
      const err = found.v4?.error ?? found.v6?.error ?? found.outcome;
      facts.lookupErrors.push(`addresses of ${name}: ${opts.redact(err)}`);
    }
    for (const a of found.addresses) addSubject(facts.subjects, a, 'ip', 'host');
  }
  if (opts.spf) await spfNetworks(resolver, name, facts, opts);
  addSubject(facts.subjects, name, 'domain', 'given');
  return facts;
}

/**
 * Ask every applicable zone about every subject of a target, leaving out zones that failed their
 * health check: `trust.v4[i]` for IPv4 addresses and names, `trust.v6[i]` (its IPv6 test points
 * too) for IPv6 addresses.
 */
export async function gatherListings(
  resolver: Resolver,
  facts: TargetFacts,
  zones: readonly ActiveZone[],
  trust: { v4: readonly boolean[]; v6: readonly boolean[] },
  redact: (t: string) => string,
): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const s of facts.subjects) {
    s.answers = zones.map(() => undefined);
    const trusted = isIPv6Subject(s) ? trust.v6 : trust.v4;
    zones.forEach((z, i) => {
      if (!trusted[i] || !applies(z, s)) return;
      jobs.push(
        askZone(resolver, s.value, z, redact).then((a) => {
          s.answers[i] = a;
        }),
      );
    });
  }
  await Promise.all(jobs);
}

/** A zone is asked about subjects of its kind; IPv6 addresses only of lists that hold IPv6. */
export function applies(zone: ActiveZone, s: Pick<Subject, 'kind' | 'value'>): boolean {
  if (zone.def.kind !== s.kind) return false;
  return s.kind !== 'ip' || isIP(s.value) === 4 || zone.def.ipv6 === true;
}
