// Matching TLSA records against a presented certificate chain (RFC 6698 §2.1,
// RFC 7672 §3.1). Pure: records and DER certificates in, per-record verdicts out.
import { createHash, X509Certificate } from 'node:crypto';

export interface Tlsa {
  usage: number;
  selector: number;
  matchingType: number;
  data: Buffer;
}

export const USAGE_NAMES: Record<number, string> = { 0: 'PKIX-TA', 1: 'PKIX-EE', 2: 'DANE-TA', 3: 'DANE-EE' };

export function tlsaText(t: Tlsa): string {
  return `${t.usage} ${t.selector} ${t.matchingType} ${t.data.toString('hex')}`;
}

/** RFC 7672 §3.1.3: SMTP senders use only DANE-TA(2) and DANE-EE(3), with known selectors and matching types. */
export function unusableReason(t: Tlsa): string | undefined {
  if (t.usage === 0 || t.usage === 1)
    return `usage ${t.usage} (${USAGE_NAMES[t.usage]}) is not used for SMTP`;
  if (t.usage !== 2 && t.usage !== 3) return `unknown usage ${t.usage}`;
  if (t.selector !== 0 && t.selector !== 1) return `unknown selector ${t.selector}`;
  if (t.matchingType > 2) return `unknown matching type ${t.matchingType}`;
  if (t.matchingType === 1 && t.data.length !== 32) return 'SHA-256 data is not 32 bytes';
  if (t.matchingType === 2 && t.data.length !== 64) return 'SHA-512 data is not 64 bytes';
  return undefined;
}

/** The bytes a TLSA record of this selector/matching type compares against. */
export function association(der: Buffer, selector: number, matchingType: number): Buffer {
  const selected =
    selector === 1
      ? (new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }) as Buffer)
      : der;
  if (matchingType === 1) return createHash('sha256').update(selected).digest();
  if (matchingType === 2) return createHash('sha512').update(selected).digest();
  return selected;
}

export interface TlsaVerdict {
  record: string;
  usable: boolean;
  matched: boolean;
  reason?: string;
}

function certMatches(t: Tlsa, der: Buffer): boolean {
  try {
    return association(der, t.selector, t.matchingType).equals(t.data);
  } catch {
    return false;
  }
}

/**
 * DANE-EE(3) matches the server's own certificate, with no name or expiry checks.
 * DANE-TA(2) matches an issuer the server presents; the leaf must then carry the MX name.
 */
export function matchChain(records: Tlsa[], chain: Buffer[], host: string): TlsaVerdict[] {
  return records.map((t) => {
    const reason = unusableReason(t);
    if (reason) return { record: tlsaText(t), usable: false, matched: false, reason };
    const leaf = chain[0];
    if (!leaf)
      return { record: tlsaText(t), usable: true, matched: false, reason: 'no certificate presented' };
    if (t.usage === 3) return { record: tlsaText(t), usable: true, matched: certMatches(t, leaf) };
    const anchor = chain.slice(1).some((der) => certMatches(t, der));
    if (!anchor) return { record: tlsaText(t), usable: true, matched: false };
    let named = false;
    try {
      named = new X509Certificate(leaf).checkHost(host.replace(/\.$/, '')) !== undefined;
    } catch {
      named = false;
    }
    return named
      ? { record: tlsaText(t), usable: true, matched: true }
      : {
          record: tlsaText(t),
          usable: true,
          matched: false,
          reason: `trust anchor matched, but the certificate is not for ${host}`,
        };
  });
}
