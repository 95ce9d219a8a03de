// Follows an SPF policy through include: and redirect= the way a receiver would, counting
// the DNS-querying terms (limit 10) and the void lookups (limit 2), RFC 7208 §4.6.4.
import { normName, type TxtLookup } from './dns.js';
import { isSpfRecord, LOOKUP_TERMS, parseSpf, type Qualifier, type SpfRecord } from './parse.js';

export const LOOKUP_LIMIT = 10;
export const VOID_LIMIT = 2;
/** Stop following includes past this many lookups: the verdict is already permerror. */
const HARD_STOP = 40;

export interface SpfNode {
  domain: string;
  /** How this record was reached: the top record, include:, or redirect=. */
  via: 'top' | 'include' | 'redirect';
  record?: string;
  problem?: string;
}

export interface SpfWalk {
  domain: string;
  /** The top-level record, when there is exactly one. */
  record?: string;
  parsed?: SpfRecord;
  outcome: 'ok' | 'none' | 'multiple' | 'dns-error';
  lookups: number;
  voids: number;
  nodes: SpfNode[];
  /** Syntax errors, prefixed with the domain whose record has them. */
  syntax: string[];
  /** Include or redirect targets that publish no SPF record (permerror at evaluation time). */
  missing: string[];
  /** Domains whose records include the domain itself again (a loop). */
  loops: string[];
  /** Terms whose target uses macros, so they cannot be followed without a real message. */
  macros: string[];
  ptr: boolean;
  /** The all qualifier that ends evaluation: the top record's, or the one reached through redirect=. */
  finalAll?: Qualifier;
  dnsError?: string;
}

async function fetchSpf(
  dns: TxtLookup,
  name: string,
): Promise<{ records: string[]; outcome: string; error?: string }> {
  const answer = await dns.txt(name);
  const records = answer.texts.filter(isSpfRecord);
  return { records, outcome: answer.outcome, ...(answer.error ? { error: answer.error } : {}) };
}

export async function walkSpf(dns: TxtLookup, domainIn: string): Promise<SpfWalk> {
  const domain = normName(domainIn);
  const walk: SpfWalk = {
    domain,
    outcome: 'ok',
    lookups: 0,
    voids: 0,
    nodes: [],
    syntax: [],
    missing: [],
    loops: [],
    macros: [],
    ptr: false,
  };
  const top = await fetchSpf(dns, domain);
  if (top.outcome === 'error') {
    walk.outcome = 'dns-error';
    walk.dnsError = top.error ?? 'DNS error';
    return walk;
  }
  if (top.records.length === 0) {
    walk.outcome = 'none';
    return walk;
  }
  if (top.records.length > 1) {
    walk.outcome = 'multiple';
    walk.nodes.push(...top.records.map((record) => ({ domain, via: 'top' as const, record })));
    return walk;
  }
  walk.record = top.records[0]!;
  walk.parsed = parseSpf(walk.record);
  await visit(dns, walk, domain, walk.record, 'top', [domain]);
  return walk;
}

async function countVoid(dns: TxtLookup, walk: SpfWalk, name: string, type: 'A' | 'MX'): Promise<void> {
  if (!dns.count) return;
  const r = await dns.count(name, type);
  if (r.outcome === 'nxdomain' || r.outcome === 'nodata' || (r.outcome === 'ok' && r.n === 0)) walk.voids++;
}

async function visit(
  dns: TxtLookup,
  walk: SpfWalk,
  domain: string,
  record: string,
  via: SpfNode['via'],
  path: string[],
): Promise<void> {
  walk.nodes.push({ domain, via, record });
  const parsed = parseSpf(record);
  if (via !== 'include') {
    if (parsed.all !== undefined) walk.finalAll = parsed.all;
    else delete walk.finalAll;
  }
  walk.syntax.push(...parsed.errors.map((e) => `${domain}: ${e}`));
  const targets: { name: string; via: 'include' | 'redirect' }[] = [];
  for (const term of parsed.terms) {
    if (!LOOKUP_TERMS.has(term.name)) continue;
    // redirect= is ignored when the record has an all mechanism (RFC 7208 §6.1).
    if (term.kind === 'modifier' && (term.name !== 'redirect' || parsed.all !== undefined)) continue;
    walk.lookups++;
    if (term.name === 'ptr') walk.ptr = true;
    const target = term.kind === 'modifier' ? term.value : (term.value ?? domain);
    if (target.includes('%')) {
      walk.macros.push(`${domain}: ${term.text}`);
      continue;
    }
    if (term.name === 'include' || term.name === 'redirect') {
      targets.push({ name: normName(target), via: term.name });
    } else if ((term.name === 'a' || term.name === 'mx') && walk.lookups <= HARD_STOP) {
      // Counted either way; past the hard stop a hostile record must not cost a query per term.
      await countVoid(dns, walk, normName(target), term.name === 'a' ? 'A' : 'MX');
    }
  }
  for (const t of targets) {
    if (walk.lookups > HARD_STOP) return;
    if (path.includes(t.name)) {
      walk.loops.push(`${domain} → ${t.name}`);
      continue;
    }
    const sub = await fetchSpf(dns, t.name);
    if (sub.outcome === 'nxdomain' || sub.outcome === 'nodata') walk.voids++;
    if (sub.outcome === 'error') {
      walk.nodes.push({ domain: t.name, via: t.via, problem: sub.error ?? 'DNS error' });
      walk.dnsError ??= `${t.name}: ${sub.error ?? 'DNS error'}`;
      continue;
    }
    if (sub.records.length !== 1) {
      const problem = sub.records.length === 0 ? 'no SPF record' : 'more than one SPF record';
      walk.nodes.push({ domain: t.name, via: t.via, problem });
      walk.missing.push(`${t.name} (${problem}, reached by ${t.via} from ${domain})`);
      continue;
    }
    await visit(dns, walk, t.name, sub.records[0]!, t.via, [...path, t.name]);
  }
}
