// DANE for SMTP (RFC 7672): TLSA records at _25._tcp.<mx>, whether they were
// DNSSEC-validated (AD flag), and whether the certificate each exchanger presents matches.
import { count } from '../../findings/count.js';
import { type Finding, finding } from '../../findings/model.js';
import type { LookupOutcome } from '../shared/txt-lookup.js';
import { matchChain, type Tlsa, type TlsaVerdict, tlsaText } from './match.js';

export interface TlsaAnswer {
  outcome: LookupOutcome;
  /** The resolver set AD: it validated the answer with DNSSEC. */
  ad: boolean;
  records: Tlsa[];
  error?: string;
}

export interface DaneInput {
  host: string;
  port: number;
  tlsa: TlsaAnswer;
  /** What STARTTLS on this exchanger showed; absent when it was not tried. */
  tls?: { offered: boolean; ok: boolean; chain: Buffer[] };
}

export interface DaneHost {
  host: string;
  name: string;
  ad: boolean;
  records: string[];
  /** Senders will authenticate this exchanger with DANE. */
  applies: boolean;
  verdicts: TlsaVerdict[];
  matched?: boolean;
}

export function tlsaName(host: string, port = 25): string {
  return `_${port}._tcp.${host.replace(/\.$/, '')}`;
}

const REF = 'RFC 7672 §2.2, §3.1';

export function daneFindings(inputs: DaneInput[]): { findings: Finding[]; hosts: DaneHost[] } {
  const findings: Finding[] = [];
  const hosts: DaneHost[] = [];
  for (const inp of inputs) {
    const name = tlsaName(inp.host, inp.port);
    const h: DaneHost = { host: inp.host, name, ad: inp.tlsa.ad, records: [], applies: false, verdicts: [] };
    hosts.push(h);
    if (inp.tlsa.outcome === 'error') {
      findings.push(
        finding('dane.dns-error', 'unknown', {
          title: `TLSA lookup for ${name} failed`,
          detail: `${inp.tlsa.error ?? 'DNS error'}. A DANE-aware sender that cannot tell whether TLSA exists (e.g. SERVFAIL from a broken signature) defers mail to this exchanger.`,
          fix: 'Check the zone’s DNSSEC signatures and its DNS servers (e.g. with a DNSSEC debugger).',
          ref: 'RFC 7672 §2.2.1',
          data: { host: inp.host },
        }),
      );
      continue;
    }
    if (inp.tlsa.records.length === 0) continue;
    h.records = inp.tlsa.records.map(tlsaText);
    if (!inp.tlsa.ad) {
      findings.push(
        finding('dane.unsigned', 'warn', {
          title: `TLSA for ${inp.host} is not DNSSEC-validated`,
          detail: `${name} has ${count(h.records.length, 'TLSA record')}, but the answer came without the AD flag: either the zone is not signed (senders then ignore TLSA) or the resolver asked does not validate.`,
          fix: 'Sign the zone with DNSSEC, or re-run with --dns pointing at a validating resolver (e.g. a DNS-over-HTTPS URL).',
          ref: 'RFC 7672 §2.2',
          data: { host: inp.host },
        }),
      );
      continue;
    }
    const chain = inp.tls?.chain ?? [];
    h.verdicts = matchChain(inp.tlsa.records, chain, inp.host);
    const usable = h.verdicts.filter((v) => v.usable);
    if (usable.length === 0) {
      findings.push(
        finding('dane.unusable', 'warn', {
          title: `No usable TLSA record for ${inp.host}`,
          detail: `${h.verdicts.map((v) => `${v.record}: ${v.reason}`).join('; ')}. Senders then require TLS but cannot authenticate the server.`,
          fix: 'Publish "3 1 1 <sha256 of the server’s public key>" (DANE-EE) or "2 1 1 <sha256 of the issuing CA’s key>" (DANE-TA).',
          ref: 'RFC 7672 §3.1.3',
          data: { host: inp.host },
        }),
      );
      continue;
    }
    h.applies = true;
    if (!inp.tls) {
      // Warn, not unknown: when the exchanger is unreachable the probe findings already fail,
      // and an unknown here would outrank them in the exit code.
      findings.push(
        finding('dane.unverified', 'warn', {
          title: `${inp.host} publishes validated TLSA records, but its certificate could not be checked`,
          detail: 'No TLS session with this exchanger was possible, so the records could not be matched.',
          fix: `Check that the exchanger answers: mailflow probe ${inp.host} (and mailflow ehlo ${inp.host} --starttls).`,
          ref: REF,
          data: { host: inp.host },
        }),
      );
      continue;
    }
    if (!inp.tls.offered || !inp.tls.ok) {
      findings.push(
        finding('dane.no-tls', 'fail', {
          title: `${inp.host} publishes TLSA but ${inp.tls.offered ? 'the TLS handshake failed' : 'does not offer STARTTLS'}`,
          detail:
            'With validated TLSA records, senders require TLS to this exchanger and defer mail otherwise.',
          fix: 'Enable STARTTLS with the certificate the TLSA records describe, or remove the TLSA records.',
          ref: 'RFC 7672 §2.2',
          data: { host: inp.host },
        }),
      );
      continue;
    }
    h.matched = usable.some((v) => v.matched);
    findings.push(
      h.matched
        ? finding('dane.ok', 'ok', {
            title: `${inp.host}: certificate matches its DNSSEC-validated TLSA record`,
            detail: usable
              .filter((v) => v.matched)
              .map((v) => v.record)
              .join('; '),
            fix: '',
            ref: REF,
            data: { host: inp.host },
          })
        : finding('dane.mismatch', 'fail', {
            title: `${inp.host}: certificate matches none of its TLSA records`,
            detail: `${usable.map((v) => `${v.record}${v.reason ? ` (${v.reason})` : ''}`).join('; ')}. DANE-aware senders (e.g. Postfix with DANE, large mailbox providers) will not deliver to this exchanger.`,
            fix: 'Publish TLSA records for the current certificate/key before rolling it over (keep the old and the new during a change), or restore the certificate the records describe.',
            ref: REF,
            data: { host: inp.host },
          }),
    );
  }
  // With no exchangers at all nothing was looked up: saying "DANE not deployed" would be false comfort.
  if (hosts.length > 0 && hosts.every((h) => h.records.length === 0) && findings.length === 0) {
    findings.push(
      finding('dane.none', 'info', {
        title: 'No TLSA records for any exchanger: DANE not deployed',
        detail: `Looked up ${hosts.map((h) => h.name).join(', ') || 'no exchangers'}.`,
        fix: 'If the zone is DNSSEC-signed, publish "_25._tcp.<mx> TLSA 3 1 1 <sha256 of the key>" for each exchanger to let senders authenticate it.',
        ref: 'RFC 7672 §1.3',
      }),
    );
  }
  return { findings, hosts };
}
