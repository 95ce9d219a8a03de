// DMARC findings: is there a policy for the domain (or its parent), is it valid, and
// does it ask receivers to reject or quarantine mail that fails (RFC 7489).
import { type Finding, finding } from '../../findings/model.js';
import { normName, type TxtLookup } from '../spf/dns.js';
import { SPOOF_REF } from '../spf/index.js';
import { txtLookupFailed } from '../txt-lookup.js';
import { type DmarcRecord, isDmarcRecord, parseDmarc } from './parse.js';

export interface DmarcData {
  /** Where the policy was found (`_dmarc.<domain>` or a parent's). */
  name?: string;
  record?: string;
  parsed?: DmarcRecord;
  inherited: boolean;
  outcome: 'ok' | 'none' | 'multiple' | 'dns-error';
  error?: string;
}

/** The domain itself, then its parents up to (not including) the top-level label. */
function candidates(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1 && out.length < 8; i++) out.push(labels.slice(i).join('.'));
  return out;
}

export async function findDmarc(dns: TxtLookup, domainIn: string): Promise<DmarcData> {
  const domain = normName(domainIn);
  for (const [i, d] of candidates(domain).entries()) {
    const name = `_dmarc.${d}`;
    const answer = await dns.txt(name);
    if (answer.outcome === 'error') {
      return { name, inherited: i > 0, outcome: 'dns-error', error: answer.error ?? 'DNS error' };
    }
    const records = answer.texts.filter(isDmarcRecord);
    if (records.length > 1) return { name, inherited: i > 0, outcome: 'multiple' };
    if (records.length === 1) {
      const record = records[0]!;
      return { name, record, parsed: parseDmarc(record), inherited: i > 0, outcome: 'ok' };
    }
  }
  return { inherited: false, outcome: 'none' };
}

export async function checkDmarc(
  dns: TxtLookup,
  domain: string,
): Promise<{ findings: Finding[]; data: DmarcData }> {
  const data = await findDmarc(dns, domain);
  return { data, findings: dmarcFindings(normName(domain), data) };
}

export function dmarcFindings(domain: string, d: DmarcData): Finding[] {
  if (d.outcome === 'dns-error') {
    return [txtLookupFailed('dmarc.dns-error', d.name ?? `_dmarc.${domain}`, d.error, 'RFC 7489 §6.6.3')];
  }
  if (d.outcome === 'none') {
    return [
      finding('dmarc.none', 'warn', {
        title: `${domain} publishes no DMARC policy`,
        detail:
          'Without DMARC, receivers have no instruction for mail that forges this domain in From:, and you get no reports about who sends as you.',
        fix: `Publish TXT "_dmarc.${domain}" = "v=DMARC1; p=none; rua=mailto:dmarc@${domain}", read the reports, then move to p=quarantine or p=reject.`,
        ref: `RFC 7489 §6.1; ${SPOOF_REF}`,
      }),
    ];
  }
  if (d.outcome === 'multiple') {
    return [
      finding('dmarc.multiple', 'fail', {
        title: `${d.name} has more than one DMARC record`,
        detail: 'Receivers ignore DMARC entirely when more than one v=DMARC1 record is returned.',
        fix: 'Keep exactly one v=DMARC1 TXT record.',
        ref: 'RFC 7489 §6.6.3',
      }),
    ];
  }
  const rec = d.parsed!;
  const out: Finding[] = [];
  const where = `${d.name}: "${d.record}"`;
  if (rec.errors.length > 0) {
    out.push(
      finding('dmarc.syntax', 'fail', {
        title: 'DMARC record has errors',
        detail: `${rec.errors.join('; ')} (${where}).`,
        fix: 'Rewrite it as "v=DMARC1; p=<none|quarantine|reject>; rua=mailto:<address>".',
        ref: 'RFC 7489 §6.3, §6.4',
        data: { errors: rec.errors },
      }),
    );
  }
  // A policy inherited from a parent uses sp= when present (RFC 7489 §6.3).
  const policy = d.inherited ? (rec.sp ?? rec.p) : rec.p;
  if (policy === 'none') {
    out.push(
      finding('dmarc.policy-none', 'warn', {
        title: 'DMARC policy is p=none: forged mail is still delivered',
        detail: `Monitoring only (${where}). Spoofed mail claiming to be from ${domain} is not rejected or quarantined.`,
        fix: 'After checking the aggregate reports, move to p=quarantine and then p=reject.',
        ref: `RFC 7489 §6.3; ${SPOOF_REF}`,
      }),
    );
  }
  if (rec.pct < 100 && policy && policy !== 'none') {
    out.push(
      finding('dmarc.pct', 'info', {
        title: `DMARC applies to only ${rec.pct}% of failing mail`,
        detail: `pct=${rec.pct}: the rest is treated one step more leniently.`,
        fix: 'Raise pct to 100 once the reports look clean.',
        ref: 'RFC 7489 §6.3',
      }),
    );
  }
  if (!d.inherited && rec.p && rec.p !== 'none' && rec.sp === 'none') {
    out.push(
      finding('dmarc.subdomain-none', 'info', {
        title: 'DMARC sp=none leaves subdomains unprotected',
        detail: 'Forged mail from any subdomain is delivered.',
        fix: 'Remove sp= or set it to quarantine/reject.',
        ref: 'RFC 7489 §6.3',
      }),
    );
  }
  if (rec.rua.length === 0) {
    out.push(
      finding('dmarc.no-rua', 'info', {
        title: 'DMARC asks for no aggregate reports',
        detail:
          'Without rua=, you will not learn who sends mail as this domain or whether legitimate mail fails.',
        fix: `Add rua=mailto:dmarc-reports@${domain}.`,
        ref: 'RFC 7489 §7.2',
      }),
    );
  }
  if (d.inherited) {
    out.push(
      finding('dmarc.inherited', 'info', {
        title: `DMARC policy comes from the parent domain (${d.name})`,
        detail: `No record at _dmarc.${domain}; receivers apply the organisational domain’s policy${rec.sp ? ` (sp=${rec.sp})` : ''}.`,
        fix: `Nothing to do if the parent's policy suits ${domain}; to give it its own, publish TXT "_dmarc.${domain}".`,
        ref: 'RFC 7489 §6.6.3',
      }),
    );
  }
  if (out.every((f) => f.severity === 'ok' || f.severity === 'info')) {
    out.unshift(
      finding('dmarc.ok', 'ok', {
        title: `DMARC policy p=${policy}`,
        detail: where,
        fix: '',
        ref: 'RFC 7489 §6.3',
        data: { policy, pct: rec.pct },
      }),
    );
  }
  return out;
}
