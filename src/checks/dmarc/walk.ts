// The DNS tree walk of RFC 9989 §4.10: the names it asks, and the asking. Which record then
// applies is decided from the answers by discover.ts; nothing here judges.
import { normName, type TxtLookup } from '../shared/txt-lookup.js';
import { isDmarcRecord, parseDmarc } from './parse.js';

/** At most this many queries per walk (RFC 9989 §4.10). */
export const MAX_QUERIES = 8;
/** A name with more labels than this is cut to this many after the first query. */
const SHORTCUT_LABELS = 7;

/** One question of the walk and what it found. */
export interface WalkStep {
  /** The domain whose record was asked for (the query name is `_dmarc.<domain>`). */
  domain: string;
  /** record: exactly one v=DMARC1 record; none: no such record; multiple: several (all discarded). */
  result: 'record' | 'none' | 'multiple' | 'error';
  /** The record (result record) or the discarded records (result multiple). */
  records: string[];
  /** TXT records that look meant as DMARC but do not start with the exact tag v=DMARC1: receivers ignore them. */
  ignored?: string[];
  /** psd= of the record, when it is one that stops the walk. */
  psd?: 'y' | 'n';
  error?: string;
}

/**
 * The domains the walk may ask about, in order: the domain itself, then (when it has 8 or more
 * labels) its 7-label ancestor, then each parent down to the single top-level label.
 */
export function walkDomains(domainIn: string): string[] {
  const labels = normName(domainIn).split('.').filter(Boolean);
  if (labels.length === 0) return [];
  const out = [labels.join('.')];
  let n = labels.length > SHORTCUT_LABELS ? SHORTCUT_LABELS : labels.length - 1;
  for (; n >= 1 && out.length < MAX_QUERIES; n--) out.push(labels.slice(-n).join('.'));
  return out;
}

/** Ask one name: keep v=DMARC1 records only; several at one name are discarded together. */
async function ask(dns: TxtLookup, domain: string): Promise<WalkStep> {
  const answer = await dns.txt(`_dmarc.${domain}`);
  if (answer.outcome === 'error') {
    return { domain, result: 'error', records: [], error: answer.error ?? 'DNS error' };
  }
  const records = answer.texts.filter(isDmarcRecord);
  const lookalikes = answer.texts.filter((t) => !isDmarcRecord(t) && /\bv\s*=\s*dmarc/i.test(t));
  const ignored = lookalikes.length ? { ignored: lookalikes } : {};
  if (records.length === 0) return { domain, result: 'none', records, ...ignored };
  if (records.length > 1) return { domain, result: 'multiple', records, ...ignored };
  const psd = parseDmarc(records[0]!).psd;
  return { domain, result: 'record', records, ...ignored, ...(psd !== 'u' ? { psd } : {}) };
}

/**
 * Walk up from the author domain until a single record with psd=y or psd=n is found, the
 * top-level label has been asked, or a query fails (the walk cannot go on without guessing).
 */
export async function treeWalk(dns: TxtLookup, domain: string): Promise<WalkStep[]> {
  const steps: WalkStep[] = [];
  for (const d of walkDomains(domain)) {
    const step = await ask(dns, d);
    steps.push(step);
    if (step.result === 'error' || step.psd) break;
  }
  return steps;
}

/** Whether a domain exists at all (any record, RFC 9989 §3.2.13): decides between sp= and np=. */
export async function domainExists(dns: TxtLookup, domain: string): Promise<boolean | undefined> {
  if (!dns.count) return undefined;
  const r = await dns.count(domain, 'A');
  if (r.outcome === 'nxdomain') return false;
  return r.outcome === 'error' ? undefined : true;
}
