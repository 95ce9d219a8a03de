// The dmarc group's judgement (RFC 9989): the gathered walk and the record that applies
// (gather.ts, discover.ts) → findings and data.dmarc. Pure.
import { type Finding, finding } from '../../findings/model.js';
import { txtLookupFailed } from '../shared/txt-failed.js';
import { SPOOF_REF } from '../spf/judge.js';
import type { Discovery, PolicyRole } from './discover.js';
import { effectivePolicy } from './discover.js';
import type { DmarcData } from './gather.js';
import { recordFindings } from './judge-record.js';
import type { WalkStep } from './walk.js';

const RFC = 'RFC 9989';

/** What `check --json` shows under data.dmarc: the walk, where the record was found, and its role. */
export function dmarcJson(d: DmarcData) {
  const a = d.discovery.applied;
  return {
    name: d.name ?? null,
    record: d.record ?? null,
    inherited: d.inherited,
    role: a?.role ?? null,
    orgDomain: d.discovery.orgDomain,
    psdDomain: d.discovery.psdDomain ?? null,
    ...(d.authorExists !== undefined ? { authorExists: d.authorExists } : {}),
    queried: d.walk.map((s) => ({
      name: `_dmarc.${s.domain}`,
      result: s.result,
      ...(s.records.length ? { records: s.records } : {}),
      ...(s.ignored ? { ignored: s.ignored } : {}),
      ...(s.error ? { error: s.error } : {}),
    })),
    ...(d.discovery.incomplete ? { stoppedAt: `_dmarc.${d.discovery.incomplete.domain}` } : {}),
  };
}

const ROLE: Record<PolicyRole, string> = {
  author: 'the domain itself',
  organizational: 'its organisational domain',
  psd: 'its public suffix domain (psd=y)',
};

const asked = (walk: readonly WalkStep[]) => walk.map((s) => `_dmarc.${s.domain}`).join(', ');

const ORG_BY: Record<Discovery['orgBy'], string> = {
  'psd=n': 'its record says psd=n',
  'psd=y': 'it is the name just below a psd=y record',
  'highest-record': 'it is the highest name with a DMARC record',
  'no-record': 'no record was found above it',
};

/** Records the walk passed that do not apply: only the author's, the organisational domain's or the PSD's does. */
function passedBy(d: DmarcData): string {
  const a = d.discovery.applied;
  const passed = d.walk.filter(
    (s) => s.result === 'record' && s.domain !== a?.domain && s.domain !== d.domain,
  );
  if (passed.length === 0) return '';
  const names = passed.map((s) => `_dmarc.${s.domain}`).join(', ');
  return ` The walk also found ${names}; ${passed.length > 1 ? 'those apply' : 'it applies'} only to ${passed.length > 1 ? 'their own domains' : passed[0]!.domain}, not to names below.`;
}

/** Records at a name that receivers ignore: misspelt v=DMARC1, or several at once. */
function discardedFindings(domain: string, d: DmarcData): Finding[] {
  const a = d.discovery.applied;
  const instead = a
    ? `the record at _dmarc.${a.domain} applies to ${domain} instead`
    : `no other record applies to ${domain}`;
  const ignored = d.walk
    .filter((s) => s.ignored)
    .map((s) =>
      finding('dmarc.ignored-record', 'fail', {
        title: `_dmarc.${s.domain} has a TXT record receivers do not read as DMARC`,
        detail: `${s.ignored!.map((r) => `"${r}"`).join(', ')}: a DMARC record must begin with the tag v=DMARC1, exactly so spelt (case-sensitive), or receivers ignore it; ${instead}.`,
        fix: `Begin the record with "v=DMARC1;" (e.g. "v=DMARC1; p=reject; rua=mailto:dmarc@${s.domain}").`,
        ref: `${RFC} §4.7 (v)`,
        data: { name: `_dmarc.${s.domain}`, records: s.ignored! },
      }),
    );
  const multiple = d.walk
    .filter((s) => s.result === 'multiple')
    .map((s) =>
      finding('dmarc.multiple', 'fail', {
        title: `_dmarc.${s.domain} has ${s.records.length} DMARC records: receivers discard them all`,
        detail: `${s.records.map((r) => `"${r}"`).join(', ')}. RFC 9989 discards every record at a name that has more than one and walks on as if there were none; ${instead}.`,
        fix: `Keep exactly one v=DMARC1 TXT record at _dmarc.${s.domain}.`,
        ref: `${RFC} §4.10`,
        data: { name: `_dmarc.${s.domain}`, records: s.records },
      }),
    );
  return [...ignored, ...multiple];
}

/** The walk failed after the author domain's own record was found: the policy stands, the organisational domain is open. */
function walkStopped(d: DmarcData, incomplete: NonNullable<Discovery['incomplete']>): Finding {
  return finding('dmarc.dns-error', 'info', {
    title: `DMARC tree walk stopped at _dmarc.${incomplete.domain}`,
    detail: `The query failed: ${incomplete.error}. ${d.domain}'s own record applies either way; the organisational domain (which relaxed alignment and sp= depend on) could not be determined. An authoritative server refuses names outside its zones.`,
    fix: 'Ask a recursive resolver (--dns) that can answer for every parent of the domain.',
    ref: `${RFC} §4.10`,
  });
}

/** The gathered walk → findings. Pure: gather.ts did the DNS. */
export function judge(domain: string, d: DmarcData): Finding[] {
  const { discovery: disc, walk } = d;
  const first = walk[0];
  if (!first || first.result === 'error') {
    return [
      txtLookupFailed('dmarc.dns-error', `_dmarc.${domain}`, first?.error ?? d.error, `${RFC} §4.10.1`),
    ];
  }
  const out = discardedFindings(domain, d);
  const a = disc.applied;
  if (disc.incomplete && a?.role !== 'author') {
    const soFar = a
      ? `So far the record at _dmarc.${a.domain} would apply`
      : 'No record had been found before it';
    out.push(
      finding('dmarc.dns-error', 'unknown', {
        title: `Could not finish DMARC policy discovery for ${domain}`,
        detail: `Asked ${asked(walk)}; the last query failed: ${disc.incomplete.error}. ${soFar}, but a record at _dmarc.${disc.incomplete.domain} or above could change which policy applies (RFC 9989 tree walk).`,
        fix: 'Check that the DNS servers of every parent domain answer TXT queries, or ask a recursive resolver with --dns.',
        ref: `${RFC} §4.10`,
      }),
    );
    return out;
  }
  if (!a) {
    out.push(
      finding('dmarc.none', 'warn', {
        title: `${domain} publishes no DMARC policy`,
        detail: `The tree walk asked ${asked(walk)} and found no usable record. Without DMARC, receivers have no instruction for mail that forges this domain in From:, and you get no reports about who sends as you.`,
        fix: `Publish TXT "_dmarc.${disc.orgDomain}" = "v=DMARC1; p=none; rua=mailto:dmarc@${disc.orgDomain}", read the reports, then move to p=quarantine or p=reject.`,
        ref: `${RFC} §4.10.1, §5.1.4; ${SPOOF_REF}`,
      }),
    );
    return out;
  }
  if (disc.incomplete) out.push(walkStopped(d, disc.incomplete));
  const eff = effectivePolicy(a.parsed, a.role, d.authorExists);
  out.push(
    ...recordFindings({ domain, applied: a, orgDomain: disc.incomplete ? undefined : disc.orgDomain }, eff),
  );
  if (a.role === 'organizational') {
    out.push(
      finding('dmarc.inherited', 'info', {
        title: `DMARC policy comes from the organisational domain (_dmarc.${a.domain})`,
        detail: `No record at _dmarc.${domain}; the tree walk found ${a.domain} as the organisational domain (${ORG_BY[disc.orgBy]}), and receivers apply ${eff ? `its ${eff.from === 'default' ? 'p' : eff.from}= policy` : 'its record'}${d.authorExists === false ? ` (${domain} does not exist, so np= applies when present)` : ''}.${passedBy(d)}`,
        fix: `Nothing to do if the parent's policy suits ${domain}; to give it its own, publish TXT "_dmarc.${domain}".`,
        ref: `${RFC} §4.10.1`,
      }),
    );
  }
  if (a.role === 'psd') {
    out.push(
      finding('dmarc.psd-policy', 'warn', {
        title: `Only the public suffix operator's DMARC policy covers ${domain}`,
        detail: `Neither ${domain} nor its organisational domain ${disc.orgDomain} publishes a DMARC record; the record at _dmarc.${a.domain} (psd=y) applies: "${a.record}". Its reports go to the suffix operator, not to you.${passedBy(d)}`,
        fix: `Publish your own TXT "_dmarc.${disc.orgDomain}" = "v=DMARC1; p=none; rua=mailto:dmarc@${disc.orgDomain}", then move to p=quarantine or p=reject.`,
        ref: `${RFC} §4.10.1, §5.1.4`,
      }),
    );
  }
  if (out.every((f) => f.severity === 'ok' || f.severity === 'info') && eff) {
    const tag = eff.from === 'default' ? 'p' : eff.from;
    out.unshift(
      finding('dmarc.ok', 'ok', {
        title: `DMARC policy ${tag}=${eff.policy}${a.parsed.testing ? ' (testing: t=y)' : ''}`,
        detail: `_dmarc.${a.domain}: "${a.record}" — the record of ${ROLE[a.role]}; organisational domain ${disc.orgDomain}${disc.incomplete ? ' (provisional)' : ''}. Asked: ${asked(walk)}.`,
        fix: '',
        ref: `${RFC} §4.10.1`,
        data: {
          policy: eff.policy,
          applied: eff.applied,
          tag,
          name: `_dmarc.${a.domain}`,
          role: a.role,
          orgDomain: disc.orgDomain,
        },
      }),
    );
  }
  return out;
}
