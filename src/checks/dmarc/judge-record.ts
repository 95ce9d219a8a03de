// Findings about what the applicable DMARC record says (RFC 9989 §4.7): its policy for this
// domain, testing mode, subdomain tags, reports, and tags that are gone or unknown. Pure.
import { type Finding, finding } from '../../findings/model.js';
import { SPOOF_REF } from '../spf/judge.js';
import type { Discovery, EffectivePolicy } from './discover.js';

const RFC = 'RFC 9989';

export interface RecordContext {
  domain: string;
  applied: NonNullable<Discovery['applied']>;
  /** The organisational domain, when the walk could decide it. */
  orgDomain: string | undefined;
}

const REMOVED_MEANING: Record<string, (v: string) => string> = {
  pct: (v) =>
    `pct=${v}: RFC 9989 receivers apply the policy to all failing mail; older ones may still apply it to ${v}% only. Its successor is t=y (testing), read like pct=0; pct=100 is the default (t=n)`,
  rf: (v) => `rf=${v}: the failure-report format; RFC 9989 receivers ignore it`,
  ri: (v) => `ri=${v}: the aggregate-report interval; RFC 9989 receivers ignore it and send daily`,
};

function policyFindings(c: RecordContext, eff: EffectivePolicy | undefined): Finding[] {
  const rec = c.applied.parsed;
  const where = `_dmarc.${c.applied.domain}: "${c.applied.record}"`;
  const out: Finding[] = [];
  if (rec.errors.length > 0 || !eff) {
    const errors = rec.p || rec.policyInvalid ? rec.errors : ['the record has no p= tag', ...rec.errors];
    out.push(
      finding('dmarc.syntax', eff ? 'warn' : 'fail', {
        title: eff ? 'DMARC record has values receivers ignore' : 'DMARC record has no usable policy',
        detail: `${errors.join('; ')} (${where}). ${eff ? 'Receivers fall back to the defaults for these.' : 'Without a valid p= (and valid sp=/np=) and with no usable rua=, receivers apply no DMARC at all.'}`,
        fix: 'Rewrite it as "v=DMARC1; p=<none|quarantine|reject>; rua=mailto:<address>", with only the tags RFC 9989 defines.',
        ref: `${RFC} §4.7, §4.8, §4.10.1`,
        data: { errors },
      }),
    );
  }
  if (!eff) return out;
  if (eff.policy === 'none') {
    const tag = eff.from === 'default' ? 'p' : eff.from;
    const why =
      eff.from === 'default'
        ? rec.policyInvalid
          ? 'p= is invalid, so receivers act as if it said p=none'
          : 'the record has no p= tag, which receivers read as p=none because it asks for reports (rua=)'
        : `${tag}=none applies to ${c.domain}`;
    out.push(
      finding('dmarc.policy-none', 'warn', {
        title: `DMARC policy is ${tag}=none: forged mail is still delivered`,
        detail: `Monitoring only: ${why} (${where}). Spoofed mail claiming to be from ${c.domain} is not rejected or quarantined.`,
        fix: 'After checking the aggregate reports, move to p=quarantine and then p=reject.',
        ref: `${RFC} §4.7; ${SPOOF_REF}`,
      }),
    );
  } else if (rec.testing) {
    out.push(
      finding('dmarc.testing', eff.applied === 'none' ? 'warn' : 'info', {
        title: `DMARC is in testing mode (t=y): receivers apply ${eff.applied}, not ${eff.policy}`,
        detail: `t=y asks receivers to treat failing mail one step more leniently than ${eff.from === 'default' ? 'p' : eff.from}=${eff.policy} (${where}). It is the successor of pct<100 (pct=0 in particular): a trial of the stricter policy${eff.applied === 'none' ? '; meanwhile forged mail is still delivered' : ''}.`,
        fix: 'Remove t=y (or set t=n) once the aggregate reports show your legitimate mail passing.',
        ref: `${RFC} §4.7, Appendix A.6`,
      }),
    );
  }
  return out;
}

/** sp=/np= matter only on the organisational domain's record (RFC 9989 §4.7, sp). */
function subdomainFindings(c: RecordContext): Finding[] {
  const rec = c.applied.parsed;
  const at = c.applied.domain;
  if (c.orgDomain === undefined || c.applied.role === 'psd') return [];
  if (at !== c.orgDomain) {
    const tags = (['sp', 'np'] as const).filter((t) => rec.tags[t] !== undefined);
    if (tags.length === 0) return [];
    return [
      finding('dmarc.sp-ignored', 'info', {
        title: `${tags.map((t) => `${t}=`).join(' and ')} on _dmarc.${at} ${tags.length > 1 ? 'are' : 'is'} ignored`,
        detail: `${at} is not an organisational domain (that is ${c.orgDomain}), so its subdomains without a record of their own take ${c.orgDomain}'s record, not ${tags.join('/')} from here.`,
        fix: `Set ${tags.join('/')} on _dmarc.${c.orgDomain}, or publish records on the subdomains that need their own policy (or psd=n here to make ${at} an organisational domain).`,
        ref: `${RFC} §4.7, §4.10.2`,
      }),
    ];
  }
  const strict = rec.p && rec.p !== 'none';
  const out: Finding[] = [];
  if (strict && rec.sp === 'none') {
    out.push(
      finding('dmarc.subdomain-none', 'info', {
        title: 'DMARC sp=none leaves subdomains unprotected',
        detail: `Forged mail from any existing subdomain of ${at} without its own record is delivered.`,
        fix: 'Remove sp= or set it to quarantine/reject.',
        ref: `${RFC} §4.7`,
      }),
    );
  }
  if (strict && rec.np === 'none') {
    out.push(
      finding('dmarc.np-none', 'info', {
        title: 'DMARC np=none leaves non-existent subdomains unprotected',
        detail: `Forged mail from names under ${at} that do not exist in the DNS (e.g. invoices.${at}) is delivered.`,
        fix: 'Remove np= (it falls back to sp=, then p=) or set np=reject.',
        ref: `${RFC} §4.7`,
      }),
    );
  }
  return out;
}

/** About the owner's own record; a public suffix operator's record is not the owner's to fix. */
function tagFindings(c: RecordContext): Finding[] {
  const rec = c.applied.parsed;
  const out: Finding[] = [];
  if (c.applied.role === 'psd') return out;
  if (rec.rua.length === 0) {
    out.push(
      finding('dmarc.no-rua', 'info', {
        title: 'DMARC asks for no aggregate reports',
        detail:
          'Without rua=, you will not learn who sends mail as this domain or whether legitimate mail fails.',
        fix: `Add rua=mailto:dmarc-reports@${c.applied.domain}.`,
        ref: `${RFC} §4.7 (rua)`,
      }),
    );
  }
  const removed = Object.entries(rec.removed);
  if (removed.length > 0) {
    out.push(
      finding('dmarc.removed-tags', 'info', {
        title: `DMARC record uses ${removed.map(([t]) => t).join(', ')}, removed by RFC 9989`,
        detail: `${removed.map(([t, v]) => REMOVED_MEANING[t]!(v)).join('. ')}. Older receivers may still read ${removed.length > 1 ? 'them' : 'it'}, so ${removed.length > 1 ? 'they do' : 'it does'} no harm for now.`,
        fix: `Remove ${removed.map(([t]) => `${t}=`).join(', ')} when convenient${rec.removed.pct !== undefined ? '; to trial a stricter policy use t=y instead of pct' : ''}.`,
        ref: `${RFC} Appendix A.6, C.5.2`,
        data: { tags: rec.removed },
      }),
    );
  }
  if (rec.unknown.length > 0) {
    out.push(
      finding('dmarc.unknown-tags', 'info', {
        title: `DMARC record has tags receivers ignore: ${rec.unknown.join(', ')}`,
        detail: `${rec.unknown.map((t) => `${t}=${rec.tags[t]}`).join('; ')} ${rec.unknown.length > 1 ? 'are' : 'is'} not in RFC 9989's tag registry; receivers ignore unknown tags, the rest of the record still applies.`,
        fix: 'Remove them, or check the spelling if one was meant to be a DMARC tag.',
        ref: `${RFC} §4.7, §4.8`,
        data: { tags: rec.unknown },
      }),
    );
  }
  return out;
}

export function recordFindings(c: RecordContext, eff: EffectivePolicy | undefined): Finding[] {
  return [...policyFindings(c, eff), ...subdomainFindings(c), ...tagFindings(c)];
}
