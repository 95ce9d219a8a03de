// What one EHLO conversation showed → findings. Pure.
import { count } from '../../findings/count.js';
import { type Finding, finding } from '../../findings/model.js';
import { boundNames } from '../../smtp/cert-chain.js';
import { certFaults } from '../../smtp/cert-faults.js';
import { type Capabilities, malformedExtensions } from '../../smtp/extensions.js';
import type { TlsInfo } from '../../smtp/tls-info.js';
import type { ProbeRecord } from '../probe/address.js';
import { endpoint, recordFinding } from '../probe/judge.js';
import { compareVerbs, looksMasked } from './compare.js';
import { type Detection, PROFILE_IDS, type Profile } from './profiles.js';

const BOOK = 'Book ch. 5, Verifying SMTP Port Settings';

export interface EhloObservation {
  host: string;
  port: number;
  /** Every connection attempt, in order; the last one is the conversation (when it connected). */
  attempts: ProbeRecord[];
  /** The address the conversation ran on (greeting 220 received). */
  address?: string;
  banner?: string;
  heloName?: string;
  ehloCode?: number;
  heloCode?: number;
  heloOnly: boolean;
  caps?: Capabilities;
  /** `elsewhere`: another check judges STARTTLS and the certificate (mailflow check's tls group). */
  starttls: { requested: boolean; elsewhere?: boolean; code?: number; error?: string };
  tls?: TlsInfo;
  capsAfterTls?: Capabilities;
  /** A failure after the greeting (a reply timeout, the server hanging up...). */
  error?: { code: string; message: string };
  timeoutSeconds: number;
  /** STARTTLS is only opportunistic on port 25, so certificate faults weigh less there. */
  opportunistic: boolean;
}

export interface EhloJudgement {
  findings: Finding[];
  missing: string[];
}

function tlsCertFinding(o: EhloObservation, tls: TlsInfo): Finding {
  const c = tls.certificate;
  const problems: string[] = [];
  if (!c) problems.push('the server sent no certificate');
  // Each fault named for what failed (chain, name, dates), in src/smtp/cert-faults.ts's words.
  const faults = certFaults(tls);
  if (c && c.daysLeft >= 0 && c.daysLeft < 14 && !faults.some((f) => f.kind === 'expired'))
    problems.push(`it expires in ${count(c.daysLeft, 'day')}`);
  for (const f of faults) problems.push(f.message);
  const hard = !c || c.daysLeft < 14;
  const severity = problems.length === 0 ? 'info' : hard || !o.opportunistic ? 'warn' : 'info';
  const names = c ? `${c.subject}${c.san.length ? ` (SAN ${boundNames(c.san)})` : ''}` : 'none';
  return finding('ehlo.tls-cert', severity, {
    title: problems.length
      ? `TLS certificate of ${o.host}: ${problems.join('; ')}`
      : `TLS certificate of ${o.host} is valid for ${count(c?.daysLeft ?? 0, 'more day', 'more days')}`,
    detail: `${tls.protocol}, ${tls.cipher}. Certificate ${names}, issued by ${c?.issuer ?? '?'}, valid until ${c?.validTo ?? '?'}.${
      problems.length && o.opportunistic
        ? ' On port 25 most senders encrypt without checking the certificate, unless the domain publishes MTA-STS or DANE.'
        : ''
    }`,
    fix: problems.length
      ? `Install a certificate for ${tls.checkedName} from a public CA (with the full chain) and renew it before it expires.${
          tls.chainVerified
            ? ''
            : ' If it comes from your own CA, re-run with --ca <file> to check it against that CA.'
        }`
      : `Nothing to fix now; renew the certificate before ${c?.validTo.slice(0, 10) ?? 'it expires'} (automate it, e.g. with ACME).`,
    ref: 'RFC 3207 §4.1; RFC 6125',
    data: { tls },
  });
}

function starttlsFindings(o: EhloObservation): Finding[] {
  if (o.tls) return [tlsCertFinding(o, o.tls)];
  if (!o.caps || o.heloOnly) return [];
  if (!o.caps.starttls) {
    return [
      finding('ehlo.no-starttls', 'warn', {
        title: `${o.host} does not offer STARTTLS`,
        detail:
          'Mail to and from this server crosses the network in clear text, and senders that require TLS cannot deliver.',
        fix: "Install a certificate and enable TLS on the SMTP service (Exchange 2000: the virtual server's Access tab, Certificate; Postfix: smtpd_tls_cert_file and smtpd_tls_security_level = may).",
        ref: 'RFC 3207; Book ch. 6, Security Considerations',
      }),
    ];
  }
  if (!o.starttls.requested) return [];
  return [
    finding('ehlo.tls-error', 'fail', {
      title: `STARTTLS on ${o.host} failed`,
      detail: o.starttls.error ?? `The server answered STARTTLS with ${o.starttls.code}.`,
      fix: 'Check the certificate and key on the server, and its TLS protocol and cipher settings; the server log names the handshake error.',
      ref: 'RFC 3207 §4',
    }),
  ];
}

function extensionSummary(c: Capabilities): string {
  const parts = [
    c.size !== undefined ? `SIZE ${c.size === 0 ? 'unlimited' : `${c.size} bytes`}` : undefined,
    c.auth.length ? `AUTH ${c.auth.join(' ')}` : undefined,
    c.starttls ? 'STARTTLS' : undefined,
    c.pipelining ? 'PIPELINING' : undefined,
    c.eightBitMime ? '8BITMIME' : undefined,
    c.chunking ? 'CHUNKING' : undefined,
    c.smtputf8 ? 'SMTPUTF8' : undefined,
    c.dsn ? 'DSN' : undefined,
    c.enhancedStatusCodes ? 'ENHANCEDSTATUSCODES' : undefined,
    c.xVerbs.length ? `X- verbs: ${c.xVerbs.join(', ')}` : 'no X- verbs',
  ];
  return parts.filter(Boolean).join('; ');
}

export function judge(
  o: EhloObservation,
  profile: Profile,
  detection: Detection,
  expect: string[],
): EhloJudgement {
  const out: Finding[] = [];
  const connected = o.address !== undefined || o.attempts.some((a) => a.outcome === 'rejected');
  for (const a of o.attempts) {
    if (a.outcome !== 'open')
      out.push(recordFinding(a, connected && a.outcome !== 'rejected' ? 'warn' : 'fail', o.timeoutSeconds));
  }
  if (o.address === undefined) return { findings: out, missing: [] };
  if (o.error && !o.caps) {
    out.push(
      finding('ehlo.error', 'fail', {
        title: `${o.host}: the EHLO conversation failed (${o.error.code})`,
        detail: o.error.message,
        fix: 'Check the server log for this connection; retry with --transcript to see the conversation and a longer --timeout if the server is slow.',
        ref: BOOK,
      }),
    );
    return { findings: out, missing: [] };
  }
  if (!o.caps) {
    out.push(
      finding('ehlo.refused', 'fail', {
        title:
          o.heloCode === undefined
            ? `${o.host} refused EHLO (${o.ehloCode})`
            : `${o.host} refused both EHLO and HELO`,
        detail:
          o.heloCode === undefined
            ? `EHLO got ${o.ehloCode}, a temporary refusal (HELO was not tried); no mail can be sent to this server now.`
            : `EHLO got ${o.ehloCode ?? '?'} and HELO got ${o.heloCode}; no mail can be sent to this server.`,
        fix: "Check the server's client restrictions (this machine's address or HELO name may be refused) in its log.",
        ref: 'RFC 5321 §4.1.1.1',
      }),
    );
    return { findings: out, missing: [] };
  }
  out.push(
    finding('ehlo.profile', 'info', {
      title: `Profile ${profile.id}: ${profile.name}`,
      detail: `Chosen because ${detection.reason}.${expect.length ? ` Also expected (--expect): ${expect.join(', ')}.` : ''}`,
      fix: `If this server should be judged differently, name the profile with --profile (${PROFILE_IDS.join(', ')}) or list the verbs it must offer with --expect.`,
      ref: BOOK,
      data: { profile: profile.id, reason: detection.reason },
    }),
  );
  if (o.heloOnly) {
    out.push(
      finding('ehlo.helo-only', 'warn', {
        title: `${o.host} refused EHLO (${o.ehloCode}) and accepted only HELO`,
        detail:
          'Without EHLO the server offers no extensions: no STARTTLS, no SIZE, no 8BITMIME, no authentication; senders fall back to plain RFC 821 SMTP.',
        fix: 'Enable ESMTP on the server, and check that no firewall with SMTP inspection (e.g. Cisco PIX "fixup smtp") is blocking EHLO.',
        ref: 'RFC 5321 §3.2; Book ch. 8, SMTP Commands and Definitions',
      }),
    );
  }
  const ext = [...o.caps.extensions, ...(o.capsAfterTls?.extensions ?? [])];
  if (looksMasked(o.banner ?? '', ext)) {
    out.push(
      finding('ehlo.masked', 'warn', {
        title: `The conversation with ${o.host} looks rewritten by a firewall`,
        detail:
          "The greeting or extensions are replaced by runs of * or X, which is what SMTP-inspecting firewalls (such as Cisco PIX/ASA mail guard) do to commands they do not know; Exchange's verbs are then hidden from other servers.",
        fix: 'Turn off SMTP/ESMTP inspection on the firewall for this server, or allow the extended verbs through.',
        ref: BOOK,
      }),
    );
  }
  const bad = malformedExtensions(o.caps);
  if (bad.length > 0) {
    out.push(
      finding('ehlo.malformed-extension', 'warn', {
        title: `${o.host} advertises ${bad.length === 1 ? 'an extension' : `${bad.length} extensions`} against its syntax: ${bad.map((b) => `"${b.raw}"`).join(', ')}`,
        detail: `${bad.map((b) => `"${b.raw}": ${b.why}.`).join(' ')} Senders read such a line each their own way: one ignores the extension, another stops talking to the server.`,
        fix: "Correct the setting behind it on the server (e.g. the message size limit: Postfix message_size_limit, Exchange the virtual server's Messages tab), or the firewall or proxy that rewrites the EHLO reply.",
        ref: 'RFC 5321 §4.1.1.1; RFC 1870; RFC 4954',
        data: { extensions: bad },
      }),
    );
  }
  const cmp = compareVerbs(ext, profile, expect);
  if (cmp.missing.length > 0) {
    out.push(
      finding('ehlo.missing-verbs', 'fail', {
        // Quoted one by one: "X-EXPS GSSAPI" is one verb with its parameter, not two verbs.
        title: `${o.host} does not advertise ${cmp.missing.length === 1 ? 'the expected verb' : `${cmp.missing.length} expected verbs:`} ${cmp.missing.map((v) => `"${v}"`).join(', ')}`,
        // The advertised list is in the extensions table and in JSON (data.extensions), not repeated here.
        detail: profile.missingMeaning,
        fix: profile.missingFix,
        ref: profile.ref,
        data: { missing: cmp.missing, profile: profile.id },
      }),
    );
  } else {
    const optional = cmp.optionalMissing.map((r) => `${r.verb} (${r.why})`);
    out.push(
      finding('ehlo.ok', 'ok', {
        title: `${o.host} advertises ${cmp.present.length ? `every verb the ${profile.id} profile expects` : 'its extensions'} (${o.caps.extensions.length} extensions)`,
        detail: `${extensionSummary(o.caps)}.${optional.length ? ` Not advertised, which is fine: ${optional.join('; ')}.` : ''}${
          o.caps.starttls && !o.starttls.requested && !o.starttls.elsewhere && !o.tls
            ? ' STARTTLS is offered; add --starttls to test the handshake and certificate.'
            : ''
        }`,
        fix: '',
        ref: BOOK,
      }),
    );
  }
  if (!o.starttls.elsewhere) out.push(...starttlsFindings(o));
  if (o.error) {
    out.push(
      finding('ehlo.error', 'fail', {
        title: `${o.host}: the conversation failed after EHLO (${o.error.code})`,
        detail: o.error.message,
        fix: 'Retry with --transcript to see where it stopped; check the server log for this connection.',
        ref: BOOK,
      }),
    );
  }
  return { findings: out, missing: cmp.missing };
}

export { endpoint };
