// Facts about one message (path, authentication, verdicts, verification) → findings.
import { type Finding, finding } from '../findings/model.js';
import type { Alignment, AuthEntry } from './auth.js';
import { ORG_DOMAIN_NOTE } from './domain.js';
import type { Hop, Path } from './path.js';
import type { Verdict } from './verdicts/index.js';
import type { Verification } from './verify.js';

export interface Facts {
  path: Path;
  auth: AuthEntry[];
  alignment: Alignment;
  verdicts: Verdict[];
  verification: Verification | null;
  /** Why verification did not run (offline, no signature, an error). */
  verifyNote: string | null;
}

/** A hop delay above this is worth a warning (seconds). */
export const DELAY_WARN_SECONDS = 600;
/** Longer than any MTA keeps a message queued (Postfix and Exchange give up after days): a wrong clock, not a delay. */
export const IMPLAUSIBLE_SECONDS = 7 * 24 * 3600;

const REF_RECEIVED = 'RFC 5321 §4.4 (trace information)';
const REF_AR = 'RFC 8601 (Authentication-Results)';
const EOP_REF = 'Microsoft Learn: Anti-spam message headers in Microsoft 365';

export function duration(s: number): string {
  const a = Math.abs(s);
  if (a < 60) return `${s}s`;
  if (a < 3600) return `${Math.trunc(s / 60)}m${String(a % 60).padStart(2, '0')}s`;
  const h = Math.trunc(a / 3600);
  const m = Math.trunc((a % 3600) / 60);
  return `${s < 0 ? '-' : ''}${h}h${String(m).padStart(2, '0')}m`;
}

export function hopLabel(h: Hop): string {
  const from = h.from.name ?? h.from.ip ?? '?';
  return `hop ${h.index} (${from} → ${h.by ?? '?'})`;
}

function likelyCause(h: Hop, prev: Hop | undefined): string {
  const s = h.delaySeconds ?? 0;
  const text = `${prev?.raw ?? ''} ${h.raw}`.toLowerCase();
  if (/spam|filter|amavis|scan|proofpoint|mimecast|barracuda|ironport|pphosted|antispam/.test(text))
    return 'a content filter on this hop held the message (scanning queue or a sandbox)';
  if (s >= 300 && s <= 3 * 3600 && !h.internal)
    return 'the receiving server deferred the first attempt (greylisting or a 4xx reply) and the sender retried later';
  if (h.internal)
    return 'the message waited in a queue inside the organisation (a busy or stopped transport, a filter or an archiving step)';
  return "the sending server's queue held it (the next hop was unreachable or deferred it)";
}

function pathFindings(path: Path): Finding[] {
  const out: Finding[] = [];
  const { hops } = path;
  for (const h of hops) {
    if (h.delaySeconds === null) continue;
    if (h.delaySeconds > DELAY_WARN_SECONDS && h.delaySeconds <= IMPLAUSIBLE_SECONDS) {
      const prev = hops[h.index - 2];
      out.push(
        finding('headers.delay', 'warn', {
          title: `${duration(h.delaySeconds)} on ${hopLabel(h)}`,
          detail: `The message reached ${h.by ?? 'this hop'} ${duration(h.delaySeconds)} after the previous hop stamped it${
            path.totalSeconds
              ? ` (${Math.round((h.share ?? 0) * 100)}% of the ${duration(path.totalSeconds)} trip)`
              : ''
          }. Likely cause: ${likelyCause(h, prev)}.`,
          fix: `Look at the logs of ${prev?.by ?? h.from.name ?? 'the sending server'} and ${h.by ?? 'the receiving server'} for this message${h.id && !h.exchange ? ` (queue id ${h.id})` : ''}: deferrals (4xx), retries, or time spent in a filter. Times come from each server's clock, so check that both keep time (NTP).`,
          ref: REF_RECEIVED,
          data: { hop: h.index, delaySeconds: h.delaySeconds },
        }),
      );
    } else if (h.delaySeconds < 0 || h.delaySeconds > IMPLAUSIBLE_SECONDS) {
      const early = h.delaySeconds < 0;
      out.push(
        finding('headers.clock-skew', 'info', {
          title: early
            ? `${hopLabel(h)} is stamped ${duration(-h.delaySeconds)} before the hop that handed it the message`
            : `${hopLabel(h)} is stamped ${duration(h.delaySeconds)} after the previous hop: longer than any mail queue holds a message`,
          detail: early
            ? 'A later hop cannot receive a message before an earlier one sent it: one of the two servers has a wrong clock or time zone.'
            : 'Mail servers give up on a message after a few days in the queue, so a gap this long means one of the two clocks (or a time zone) is wrong, not that the message waited.',
          fix: `Check the clocks (NTP) and time-zone settings of ${h.by ?? 'this server'} and the previous hop's server.`,
          ref: `${REF_RECEIVED}; RFC 5322 §3.3 (date and time)`,
          data: { hop: h.index, delaySeconds: h.delaySeconds },
        }),
      );
    }
  }
  for (const h of hops) {
    // Only a hop known to cross the Internet: an SMTP hop from a public address.
    if (h.tls !== false || h.internal || h.from.ip === null || /^https?/i.test(h.with ?? '')) continue;
    out.push(
      finding('headers.no-tls-hop', 'warn', {
        title: `${hopLabel(h)} went across the Internet without TLS (with ${h.with ?? '?'})`,
        detail: `${h.by ?? 'The receiving server'} recorded "with ${h.with}", not ESMTPS, and no TLS details: anyone on the path could read or change the message.`,
        fix: `Enable STARTTLS on ${h.from.name ?? 'the sending server'} for outgoing mail (and on ${h.by ?? 'the receiver'} for incoming); consider MTA-STS or DANE so TLS is required.`,
        ref: 'RFC 3207 (STARTTLS); RFC 8461 (MTA-STS); RFC 3848 (ESMTPS/ESMTPSA in Received)',
        data: { hop: h.index, with: h.with },
      }),
    );
  }
  const unparsed = hops.filter((h) => !h.parsed);
  if (unparsed.length)
    out.push(
      finding('headers.unparsed', 'info', {
        title: `${unparsed.length} Received line${unparsed.length > 1 ? 's' : ''} could not be read`,
        detail: `Shown raw in the table: ${unparsed
          .slice(0, 3)
          .map((h) => `hop ${h.index}: ${h.raw.slice(0, 120)}`)
          .join('; ')}`,
        fix: 'Nothing to fix in the mail flow; if the line comes from a common server, report it so the parser learns its format.',
        ref: REF_RECEIVED,
        data: { hops: unparsed.map((h) => h.index) },
      }),
    );
  return out;
}

function whoWrote(e: AuthEntry | undefined, fallback: string): string {
  if (!e) return fallback;
  const w = e.authservId ?? 'a writer without an authserv-id';
  return `${w}${e.trusted === false ? ' (not in --trust)' : ''}`;
}

/** What earlier hops recorded in their ARC sets: a forwarded message may have passed DMARC before a forwarder broke it. */
function arcContext(auth: AuthEntry[]): string {
  const passed = auth
    .filter((e) => e.header === 'ARC-Authentication-Results')
    .filter((e) => e.methods.some((m) => m.method === 'dmarc' && m.result === 'pass'))
    .map((e) => `i=${e.instance ?? '?'} by ${e.authservId ?? '(no authserv-id)'}`);
  return passed.length
    ? ` Earlier hops recorded dmarc=pass in their ARC sets (${passed.join(', ')}): the message was probably changed by a forwarder after that; receivers that trust the sealer may accept it by ARC (RFC 8617).`
    : '';
}

function authFindings(f: Facts): Finding[] {
  const out: Finding[] = [];
  const a = f.alignment;
  const chosen =
    f.auth.find((e) => e.header === 'Authentication-Results' && (e.trusted ?? true)) ??
    f.auth.find((e) => e.header === 'Received-SPF');
  const writer = whoWrote(chosen, 'the receiving server');
  if (a.spfResult && /^(?:fail|softfail|permerror|temperror)$/.test(a.spfResult))
    out.push(
      finding('headers.spf-fail', a.spfResult === 'fail' ? 'fail' : 'warn', {
        title: `SPF ${a.spfResult} for ${a.spfDomain ?? 'the envelope sender'} (reported by ${writer})`,
        detail: `The sending IP is not authorised by the SPF record of ${a.spfDomain ?? 'the MAIL FROM domain'}${a.spfResult === 'softfail' ? ' (~all: probably not)' : ''}.`,
        fix: `Add the sending server's IP (or its provider's include:) to the SPF record of ${a.spfDomain ?? 'the envelope domain'}; check with: mailflow check ${a.spfDomain ?? '<domain>'}.`,
        ref: `RFC 7208 §2.6; ${REF_AR}`,
        data: { domain: a.spfDomain, result: a.spfResult, writer },
      }),
    );
  const verified = f.verification?.dkim ?? [];
  const badVerified = verified.filter((d) => d.result !== 'pass');
  const badReported = a.dkimDomains.filter((d) =>
    /^(?:fail|permerror|temperror|neutral|policy)$/.test(d.result),
  );
  if (badVerified.length || (badReported.length && !verified.some((d) => d.result === 'pass'))) {
    const items = badVerified.length
      ? badVerified.map(
          (d) =>
            `d=${d.domain}${d.selector ? ` s=${d.selector}` : ''}: ${d.result}${d.comment ? ` (${d.comment})` : ''} — verified again now`,
        )
      : badReported.map((d) => `d=${d.domain}: ${d.result} — reported by ${writer}`);
    out.push(
      finding('headers.dkim-fail', 'fail', {
        title: `DKIM signature did not verify: ${items[0]}`,
        detail: `${items.length > 1 ? `${items.join('; ')}. ` : ''}A body-hash failure means the body changed after signing (a footer, a list, a forwarding filter); a signature failure means a signed header changed or the key does not match; a missing key means the selector's TXT record is not published.`,
        fix: `${f.verifyNote ? `${f.verifyNote} ` : ''}Make sure the signing server publishes the key for its selector (selector._domainkey.domain TXT), and that nothing after it rewrites the signed headers or the body (disclaimers, link rewriting) — or sign after those steps.`,
        ref: `RFC 6376 §6 (verification); ${REF_AR}`,
        data: { signatures: badVerified.length ? badVerified : badReported },
      }),
    );
  }
  if (a.fromDomain && (a.aligned === false || a.reported === 'fail')) {
    const spfPart = a.spfDomain
      ? `SPF ${a.spfResult ?? '?'} for ${a.spfDomain} (${a.spfAligned ? 'aligned' : 'not aligned'})`
      : 'no SPF identity';
    const dkimPart = a.dkimDomains.length
      ? a.dkimDomains
          .map((d) => `DKIM ${d.result} d=${d.domain} (${d.aligned ? 'aligned' : 'not aligned'})`)
          .join(', ')
      : 'no DKIM signature';
    out.push(
      finding('headers.dmarc-fail', 'fail', {
        title: `DMARC fails for From: ${a.fromDomain}${a.reported ? ` (reported ${a.reported} by ${a.writer})` : ' (recomputed)'}`,
        detail: `${
          a.aligned === false
            ? `No identifier both passes and aligns with the From: domain ${a.fromDomain}`
            : `${a.writer} reported DMARC fail, yet the identities it recorded pass and align with the From: domain ${a.fromDomain} (it may have evaluated other DNS data or another identity than it wrote down)`
        }: ${spfPart}; ${dkimPart}.${arcContext(f.auth)} ${ORG_DOMAIN_NOTE}`,
        fix: `Sign with DKIM as ${a.fromDomain} (or a subdomain of it) at the sending service, or use a MAIL FROM (bounce) domain under ${a.fromDomain} that its SPF record authorises.`,
        ref: 'RFC 9989 §3.2 (identifier alignment); RFC 7208; RFC 6376',
        data: { ...a },
      }),
    );
  }
  const arc = f.verification?.arc;
  const arcReported = f.auth
    .find((e) => e.header === 'Authentication-Results' && (e.trusted ?? true))
    ?.methods.find((m) => m.method === 'arc');
  if ((arc && arc.result === 'fail') || (!arc && arcReported?.result === 'fail'))
    out.push(
      finding('headers.arc-broken', 'warn', {
        title: `ARC chain broken${arc?.instance ? ` at instance ${arc.instance}` : ''}`,
        detail: `${arc ? `Validated again now: ${arc.comment ?? 'fail'}` : `Reported by ${writer}`}. A broken chain means a forwarder's seal does not verify, so receivers cannot trust the authentication results it passed on.`,
        fix: 'Check the ARC sealing of the forwarders (mailing list, gateway) named in the ARC-Seal headers: keys published, nothing changed after sealing.',
        ref: 'RFC 8617 §5.2 (validator actions)',
        data: { arc: arc ?? arcReported },
      }),
    );
  return out;
}

function verdictFindings(verdicts: Verdict[]): Finding[] {
  const spam = verdicts.filter((v) => v.spam === true);
  if (!spam.length) return [];
  const vendors = [...new Set(spam.map((v) => v.vendor))];
  // Bulk classification alone is a label for newsletters, not a spam verdict: info.
  const bulkOnly = spam.every((v) => /bulk/i.test(`${v.field} ${v.value} ${v.header}`) || v.field === 'BCL');
  return [
    finding('headers.spam-verdict', bulkOnly ? 'info' : 'warn', {
      title: `${bulkOnly ? 'Classified as bulk mail' : 'Filed as spam/bulk/phishing'} by ${vendors.join(', ')}`,
      detail: spam
        .slice(0, 8)
        .map((v) => `${v.vendor} (${v.header}${v.field ? ` ${v.field}` : ''}): ${v.meaning}`)
        .join('\n'),
      fix: 'If the message is legitimate: fix its authentication (SPF, DKIM, DMARC alignment) first, then ask the recipient to mark it as not spam or the recipient admin to add an allow entry; for bulk senders, lower complaint rates.',
      ref: spam.some((v) => v.vendor === 'Exchange Online Protection')
        ? EOP_REF
        : 'Vendor documentation named in each verdict',
      data: { verdicts: spam },
    }),
  ];
}

export function judge(f: Facts): Finding[] {
  const out = [...pathFindings(f.path), ...authFindings(f), ...verdictFindings(f.verdicts)];
  const filterInfo = f.verdicts.filter((v) => v.spam === false);
  if (!out.some((x) => x.severity !== 'info')) {
    out.unshift(
      finding('headers.ok', 'ok', {
        title: f.path.hops.length
          ? `${f.path.hops.length} hop${f.path.hops.length > 1 ? 's' : ''}${f.path.totalSeconds !== null ? ` in ${duration(f.path.totalSeconds)}` : ''}; no delays, failures or spam verdicts`
          : 'No Received lines; no failures or spam verdicts in the headers',
        detail:
          `${f.auth.length ? `Authentication results from ${[...new Set(f.auth.map((e) => e.authservId ?? '(no authserv-id)'))].join(', ')}. ` : 'No authentication results. '}${
            filterInfo.length
              ? `Filters: ${[...new Set(filterInfo.map((v) => v.vendor))].join(', ')} found it clean. `
              : ''
          }${f.verifyNote ?? ''}`.trim(),
        fix: '',
        ref: REF_RECEIVED,
      }),
    );
  }
  return out;
}
