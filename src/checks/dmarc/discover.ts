// Which DMARC record applies to a domain, decided from the tree walk's answers (RFC 9989 §4.10.1,
// §4.10.2). Pure: walk steps in, the organisational domain and the applicable record out.
import { type DmarcPolicy, type DmarcRecord, parseDmarc } from './parse.js';
import type { WalkStep } from './walk.js';

/** Where the applicable record was published, relative to the author domain. */
export type PolicyRole = 'author' | 'organizational' | 'psd';

export interface Discovery {
  /** The organisational domain (provisional when `incomplete`: a record above the failure could change it). */
  orgDomain: string;
  /** How it was decided: a psd=n record, the domain below a psd=y record, the highest record, or no record at all. */
  orgBy: 'psd=n' | 'psd=y' | 'highest-record' | 'no-record';
  /** The domain whose record carries psd=y, when the walk met one. */
  psdDomain?: string;
  /** The applicable record: where it is and what it says. */
  applied?: { domain: string; role: PolicyRole; record: string; parsed: DmarcRecord };
  /** The walk stopped on a failed query before it could decide. */
  incomplete?: { domain: string; error: string };
}

const labels = (d: string) => d.split('.').length;

/** The ancestor of `domain` (or itself) with `n` labels. */
const ancestor = (domain: string, n: number) => domain.split('.').slice(-n).join('.');

export function discover(author: string, steps: readonly WalkStep[]): Discovery {
  const found = steps.filter((s) => s.result === 'record');
  const last = found.at(-1);
  // §4.10.2: the walk stops at the first psd=y/n record, so only the last record can carry one.
  // After a failed query this is provisional: a record above the failure could change it.
  const out: Discovery = !last
    ? { orgDomain: author, orgBy: 'no-record' }
    : last.psd === 'n'
      ? { orgDomain: last.domain, orgBy: 'psd=n' }
      : last.psd === 'y' && last.domain !== author
        ? { orgDomain: ancestor(author, labels(last.domain) + 1), orgBy: 'psd=y' }
        : { orgDomain: last.domain, orgBy: 'highest-record' };
  if (last?.psd === 'y') out.psdDomain = last.domain;
  const failed = steps.find((s) => s.result === 'error');
  if (failed) out.incomplete = { domain: failed.domain, error: failed.error ?? 'DNS error' };
  const at = (d: string | undefined) => found.find((s) => s.domain === d);
  const apply = (s: WalkStep | undefined, role: PolicyRole) => {
    if (s) out.applied = { domain: s.domain, role, record: s.records[0]!, parsed: parseDmarc(s.records[0]!) };
  };
  // §4.10.1: the author domain's own record, else the organisational domain's, else the PSD's.
  const own = at(author);
  if (own) apply(own, 'author');
  else if (at(out.orgDomain)) apply(at(out.orgDomain), 'organizational');
  else if (out.psdDomain) apply(at(out.psdDomain), 'psd');
  return out;
}

export interface EffectivePolicy {
  /** The policy a receiver applies to failing mail, before t=y softens it. */
  policy: DmarcPolicy;
  /** Which tag it came from; 'default' when p= is absent or a policy tag unusable (read as p=none, §4.10.1). */
  from: 'p' | 'sp' | 'np' | 'default';
  /** After t=y: one step more lenient (reject → quarantine, quarantine → none). */
  applied: DmarcPolicy;
}

const SOFTER: Record<DmarcPolicy, DmarcPolicy> = { reject: 'quarantine', quarantine: 'none', none: 'none' };

/**
 * The policy for mail from `author` under the applicable record (§4.10.1): p= for the domain
 * itself, sp= for an existing subdomain, np= for a non-existent one, each falling back to p=.
 * A record without a valid p= (or with an invalid sp=/np=) counts as p=none when rua= holds a
 * usable URI, and as no DMARC at all (undefined) otherwise.
 */
export function effectivePolicy(
  rec: DmarcRecord,
  role: PolicyRole,
  authorExists: boolean | undefined,
): EffectivePolicy | undefined {
  if (rec.policyInvalid || !rec.p) {
    if (!rec.ruaUsable) return undefined;
    return { policy: 'none', from: 'default', applied: 'none' };
  }
  let policy: DmarcPolicy | undefined;
  let from: EffectivePolicy['from'] = 'p';
  if (role !== 'author') {
    if (authorExists === false && rec.np) [policy, from] = [rec.np, 'np'];
    else if (rec.sp) [policy, from] = [rec.sp, 'sp'];
  }
  if (!policy) [policy, from] = [rec.p, 'p'];
  return { policy, from, applied: rec.testing ? SOFTER[policy] : policy };
}
