// STARTTLS on each exchanger, judged the way a sending server judges it. On port 25
// TLS is opportunistic: a certificate that fails WebPKI checks still encrypts, so it is
// only info — unless the domain asks senders to authenticate (MTA-STS enforce, or DANE),
// in which case the sender refuses to deliver and it is a failure (RFC 8461 §4.2, RFC 7672 §3).

import { count } from '../../findings/count.js';
import { type Finding, finding, type Severity } from '../../findings/model.js';

export interface TlsObservation {
  host: string;
  address?: string;
  /** STARTTLS appeared in the EHLO reply. */
  offered: boolean;
  /** undefined when the upgrade was not attempted. */
  handshake?: { ok: boolean; error?: string; protocol?: string; cipher?: string };
  cert?: {
    subject: string;
    san: string[];
    issuer: string;
    validTo: string;
    daysLeft: number;
    /** The chain verifies to a trusted CA. */
    trusted: boolean;
    trustError?: string;
    /** The certificate names the exchanger (RFC 6125). */
    nameOk: boolean;
    nameError?: string;
  };
}

/** Why a sender would insist on an authenticated connection to this exchanger. */
export type Requirement = 'mta-sts' | 'dane' | undefined;

export interface TlsPolicyContext {
  requirement(host: string): Requirement;
  /** DANE matched this exchanger's certificate, so WebPKI name/chain/expiry do not matter to DANE senders. */
  daneMatched(host: string): boolean;
  /** Certificate days-left thresholds (monitoring); default 21 / 7. */
  warnDays: number;
  critDays: number;
  /** Thresholds were set explicitly: apply them even where TLS is only opportunistic. */
  thresholdsExplicit: boolean;
  /** --tls-max: the highest version mailflow offered, when capped below the default. */
  maxOffered?: string;
}

const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
const REF_STARTTLS = 'RFC 3207; Book ch. 7, Troubleshooting Mail Flow';

function why(req: Requirement): string {
  return req === 'mta-sts'
    ? 'The domain’s MTA-STS policy is in enforce mode, so senders that honour it will not deliver here.'
    : 'DANE (validated TLSA) applies to this exchanger, so DANE-aware senders will not deliver here.';
}

/** Severity for a WebPKI problem: fail when authentication is required, info when opportunistic. */
function webPkiSeverity(req: Requirement, daneOk: boolean): Severity {
  if (req === 'mta-sts') return 'fail';
  if (req === 'dane' && !daneOk) return 'fail';
  return 'info';
}

/**
 * An old version was negotiated: the server's best (it needs 1.2 and 1.3), or — when --tls-max
 * capped the offer at an old version — one it still accepts and should refuse.
 */
function oldVersion(h: string, proto: string, maxOffered: string | undefined, data: Record<string, unknown>) {
  if (maxOffered && OLD_PROTOCOLS.has(maxOffered))
    return {
      title: `${h} still accepts ${proto}`,
      detail: `mailflow offered at most ${maxOffered} (--tls-max) and ${h} agreed on ${proto}. TLS 1.0 and 1.1 are deprecated and must not be negotiated; a server that accepts them keeps old, weak clients on weak encryption.`,
      fix: 'Turn TLS 1.0 and 1.1 off on the server (Postfix: smtpd_tls_protocols = >=TLSv1.2; Windows/Exchange: disable them in SChannel).',
      ref: 'RFC 8996 §4, §5',
      data,
    };
  return {
    title: `${h} negotiated ${proto}`,
    detail:
      'TLS 1.0 and 1.1 are deprecated; modern senders refuse them and fall back to plain text or defer.',
    fix: 'Enable TLS 1.2 and 1.3 on the server.',
    ref: 'RFC 8996',
    data,
  };
}

export function starttlsFindings(obs: TlsObservation, ctx: TlsPolicyContext): Finding[] {
  const out: Finding[] = [];
  const h = obs.host;
  const req = ctx.requirement(h);
  const daneOk = ctx.daneMatched(h);
  const data = { host: h, ...(obs.address ? { address: obs.address } : {}) };
  if (!obs.offered) {
    return [
      finding('tls.not-offered', req ? 'fail' : 'warn', {
        title: `${h} does not offer STARTTLS`,
        detail: `Mail to this exchanger crosses the Internet unencrypted. ${req ? why(req) : 'Major providers flag such mail as not encrypted.'}`,
        fix: 'Enable STARTTLS with a certificate for the exchanger’s name (Postfix: smtpd_tls_security_level = may; Exchange: a certificate bound to the receive connector).',
        ref: 'RFC 3207 §4; RFC 8461 §4.2',
        data,
      }),
    ];
  }
  if (!obs.handshake) return out;
  if (!obs.handshake.ok) {
    return [
      finding('tls.handshake-failed', req ? 'fail' : 'warn', {
        title: `${h}: STARTTLS offered but the TLS handshake failed`,
        detail:
          `${obs.handshake.error ?? 'handshake error'}. Senders either fall back to plain text or defer. ${req ? why(req) : ''}`.trim(),
        fix: 'Check the server’s certificate and key files and its TLS protocol/cipher settings (openssl s_client -starttls smtp -connect <host>:25).',
        ref: REF_STARTTLS,
        data,
      }),
    ];
  }
  const proto = obs.handshake.protocol ?? 'unknown';
  if (OLD_PROTOCOLS.has(proto)) {
    out.push(finding('tls.old-version', 'warn', oldVersion(h, proto, ctx.maxOffered, data)));
  }
  const c = obs.cert;
  if (c) {
    const sev = webPkiSeverity(req, daneOk);
    const context =
      sev === 'fail'
        ? why(req)
        : daneOk
          ? 'DANE authenticates this exchanger, so this matters only to senders using WebPKI (MTA-STS).'
          : 'On port 25 senders use TLS opportunistically and deliver anyway; it matters once you deploy MTA-STS.';
    if (c.daysLeft < 0) {
      out.push(
        finding('tls.cert-expired', sev, {
          title: `${h}: certificate expired ${count(-c.daysLeft, 'day')} ago`,
          detail: `Valid until ${c.validTo}. ${context}`,
          fix: 'Renew the certificate (automate it, e.g. with ACME) and reload the mail server.',
          ref: 'RFC 5280 §4.1.2.5; RFC 8461 §4.2',
          data: { ...data, daysLeft: c.daysLeft },
        }),
      );
    } else {
      const expSev: Severity | undefined =
        c.daysLeft < ctx.critDays ? 'fail' : c.daysLeft < ctx.warnDays ? 'warn' : undefined;
      if (expSev) {
        // Expiry matters to senders that authenticate with WebPKI; a matched DANE-EE record
        // ignores it (RFC 7672 §3.1.1). Explicit monitoring thresholds always apply.
        const authByWebPki = req === 'mta-sts' || (req === 'dane' && !daneOk);
        const applied: Severity = authByWebPki || ctx.thresholdsExplicit ? expSev : 'info';
        out.push(
          finding('tls.cert-expiring', applied, {
            title: `${h}: certificate expires in ${count(c.daysLeft, 'day')}`,
            detail: `Valid until ${c.validTo} (warning below ${ctx.warnDays} days, critical below ${ctx.critDays}).`,
            fix: 'Renew the certificate before it expires and reload the mail server.',
            ref: 'RFC 5280 §4.1.2.5',
            data: { ...data, daysLeft: c.daysLeft },
          }),
        );
      }
    }
    if (!c.nameOk) {
      out.push(
        finding('tls.cert-name', sev, {
          title: `${h}: certificate is not for this name`,
          detail:
            `Names in the certificate: ${c.san.join(', ') || c.subject || '(none)'}. ${c.nameError ?? ''} ${context}`
              .replace(/\s+/g, ' ')
              .trim(),
          fix: `Issue a certificate whose subjectAltName includes ${h} (the MX host name, not the domain).`,
          ref: 'RFC 6125 §6; RFC 8461 §4.2',
          data,
        }),
      );
    }
    if (!c.trusted) {
      out.push(
        finding('tls.cert-untrusted', sev, {
          title: `${h}: certificate chain does not verify`,
          detail: `${c.trustError ?? 'untrusted issuer'} (issuer: ${c.issuer}). ${context}`,
          fix: 'Use a certificate from a public CA and configure the full chain (leaf plus intermediates) on the server.',
          ref: 'RFC 5280 §6; RFC 8461 §4.2',
          data,
        }),
      );
    }
  }
  if (out.every((f) => f.severity === 'ok' || f.severity === 'info')) {
    const days = c ? `, certificate valid ${count(c.daysLeft, 'more day', 'more days')}` : '';
    out.unshift(
      finding('tls.ok', 'ok', {
        title: `${h}: STARTTLS works (${proto}${obs.handshake.cipher ? `, ${obs.handshake.cipher}` : ''}${days})`,
        detail: c ? `Certificate ${c.subject} issued by ${c.issuer}.` : '',
        fix: '',
        ref: REF_STARTTLS,
        data,
      }),
    );
  }
  return out;
}
