// Follows an SPF policy through include: and redirect= the way a receiver would, counting the
// DNS-querying terms (limit 10) and the void lookups (limit 2), RFC 7208 §4.6.4, and what each
// term costs, its included records counted in.
import { normName, type TxtLookup } from '../shared/txt-lookup.js';
import {
  isSpfRecord,
  LOOKUP_LIMIT,
  LOOKUP_TERMS,
  parseSpf,
  type Qualifier,
  type SpfRecord,
  type Term,
  VOID_LIMIT,
} from './parse.js';

export { LOOKUP_LIMIT, VOID_LIMIT };

/** Stop following includes past this many lookups: the verdict is already permerror. */
const HARD_STOP = 40;

export interface SpfNode {
  domain: string;
  /** How this record was reached: the top record, include:, or redirect=. */
  via: 'top' | 'include' | 'redirect';
  record?: string;
  problem?: string;
}

/** What one DNS-querying term costs (RFC 7208 §4.6.4), with the terms of the record it reaches. */
export interface SpfTermCost {
  /** The term as written, e.g. "include:_spf.example.net". */
  term: string;
  /** The domain the term looks up (absent when it holds a macro). */
  target?: string;
  /** DNS lookups toward the limit of 10: 1 for the term itself, plus everything below it. */
  lookups: number;
  /** Void lookups (NXDOMAIN or no answer) toward the limit of 2: its own and everything below it. */
  voids: number;
  /** The term's own lookup found nothing (NXDOMAIN, or no records of the type asked). */
  void?: boolean;
  /** include:/redirect=: the record reached. */
  record?: string;
  /** Why the term could not be followed or evaluated: no SPF record, a loop, a macro, a DNS error, the hard stop. */
  problem?: string;
  /** include:/redirect=: the costs of the record's own terms. */
  terms?: SpfTermCost[];
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
  /** The top record's DNS-querying terms with their costs (a tree through include:/redirect=). */
  costs: SpfTermCost[];
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
    costs: [],
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
  walk.costs = await visit(dns, walk, domain, walk.record, 'top', [domain]);
  return walk;
}

/**
 * Whether the term's own query finds nothing: an A query for a: and exists: (what a receiver asks
 * for an IPv4 client), an MX query for mx:. Unknown (undefined) when the lookup is not available.
 */
async function isVoid(dns: TxtLookup, name: string, type: 'A' | 'MX'): Promise<boolean | undefined> {
  if (!dns.count) return undefined;
  const r = await dns.count(name, type);
  if (r.outcome === 'error') return undefined;
  return r.outcome === 'nxdomain' || r.outcome === 'nodata' || r.n === 0;
}

/** The terms of a record that make DNS queries, in order; redirect= only when there is no all (RFC 7208 §6.1). */
function queryingTerms(parsed: SpfRecord): Term[] {
  return parsed.terms.filter(
    (t) =>
      LOOKUP_TERMS.has(t.name) &&
      (t.kind === 'mechanism' || (t.name === 'redirect' && parsed.all === undefined)),
  );
}

async function visit(
  dns: TxtLookup,
  walk: SpfWalk,
  domain: string,
  record: string,
  via: SpfNode['via'],
  path: string[],
): Promise<SpfTermCost[]> {
  walk.nodes.push({ domain, via, record });
  const parsed = parseSpf(record);
  if (via !== 'include') {
    if (parsed.all !== undefined) walk.finalAll = parsed.all;
    else delete walk.finalAll;
  }
  walk.syntax.push(...parsed.errors.map((e) => `${domain}: ${e}`));
  const costs: SpfTermCost[] = [];
  for (const term of queryingTerms(parsed)) {
    const before = { lookups: walk.lookups, voids: walk.voids };
    walk.lookups++;
    if (term.name === 'ptr') walk.ptr = true;
    const raw = term.kind === 'modifier' ? term.value : (term.value ?? domain);
    const cost: SpfTermCost = { term: term.text, lookups: 1, voids: 0 };
    costs.push(cost);
    if (raw.includes('%')) {
      walk.macros.push(`${domain}: ${term.text}`);
      cost.problem = 'macro: depends on each message';
      continue;
    }
    const target = normName(raw);
    cost.target = target;
    if (walk.lookups > HARD_STOP) {
      // Counted either way; past the hard stop a hostile record must not cost a query per term.
      cost.problem = `not followed: over ${HARD_STOP} lookups`;
      continue;
    }
    if (term.name === 'include' || term.name === 'redirect') {
      await follow(dns, walk, domain, target, term.name, path, cost);
    } else if (term.name === 'a' || term.name === 'mx' || term.name === 'exists') {
      const v = await isVoid(dns, target, term.name === 'mx' ? 'MX' : 'A');
      if (v) {
        cost.void = true;
        walk.voids++;
      }
    }
    cost.lookups = walk.lookups - before.lookups;
    cost.voids = walk.voids - before.voids;
  }
  return costs;
}

/** include:/redirect=: fetch the target's record and walk it, recording the outcome on `cost`. */
async function follow(
  dns: TxtLookup,
  walk: SpfWalk,
  domain: string,
  target: string,
  via: 'include' | 'redirect',
  path: string[],
  cost: SpfTermCost,
): Promise<void> {
  if (path.includes(target)) {
    walk.loops.push(`${domain} → ${target}`);
    cost.problem = 'loop';
    return;
  }
  const sub = await fetchSpf(dns, target);
  if (sub.outcome === 'nxdomain' || sub.outcome === 'nodata') {
    cost.void = true;
    walk.voids++;
  }
  if (sub.outcome === 'error') {
    cost.problem = sub.error ?? 'DNS error';
    walk.nodes.push({ domain: target, via, problem: cost.problem });
    walk.dnsError ??= `${target}: ${cost.problem}`;
    return;
  }
  if (sub.records.length !== 1) {
    const problem = sub.records.length === 0 ? 'no SPF record' : 'more than one SPF record';
    cost.problem = problem;
    walk.nodes.push({ domain: target, via, problem });
    walk.missing.push(`${target} (${problem}, reached by ${via} from ${domain})`);
    return;
  }
  cost.record = sub.records[0]!;
  cost.terms = await visit(dns, walk, target, cost.record, via, [...path, target]);
}
