// The server's certificate chain as data (--show-certs) and as PEM (--save-certs): each
// certificate's subject, issuer, validity, names and SHA-256 fingerprint, leaf first.

import { X509Certificate } from 'node:crypto';
import { count } from '../findings/count.js';

export interface CertDetail {
  /** 0 is the leaf. */
  position: number;
  subject: string;
  issuer: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative when expired). */
  daysLeft: number;
  /** DNS names and IP addresses from subjectAltName. */
  san: string[];
  fingerprint256: string;
  serialNumber: string;
  /** Subject and issuer are the same (a root, or a self-signed leaf). */
  selfIssued: boolean;
  isCa: boolean;
}

/** A DN as one line: "CN=mx.example.com, O=Example" (Node gives it one attribute per line). */
const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

/** "DNS:a, DNS:b, IP Address:192.0.2.1" → ["a", "b", "192.0.2.1"]; other kinds keep their label. */
export function sanNames(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  return subjectAltName
    .split(/,\s*/)
    .map((s) => s.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
}

export function certDetail(der: Buffer, position: number, now = Date.now()): CertDetail {
  const c = new X509Certificate(der);
  const notAfter = new Date(c.validTo);
  return {
    position,
    subject: oneLine(c.subject),
    issuer: oneLine(c.issuer),
    notBefore: new Date(c.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now) / 86_400_000),
    san: sanNames(c.subjectAltName),
    fingerprint256: c.fingerprint256,
    serialNumber: c.serialNumber,
    selfIssued: c.subject === c.issuer,
    isCa: c.ca,
  };
}

export function chainDetails(chain: Buffer[], now = Date.now()): CertDetail[] {
  return chain.map((der, i) => certDetail(der, i, now));
}

/** PEM text of the chain, leaf first, as `openssl s_client -showcerts` prints it. */
export function chainPem(chain: Buffer[]): string {
  return chain.map((der) => new X509Certificate(der).toString()).join('');
}

/** At most `max` of `names`, then "… N more" (a certificate may carry thousands). */
export function boundNames(names: readonly string[], max = 10, sep = ', '): string {
  if (names.length <= max) return names.join(sep);
  return `${names.slice(0, max).join(sep)}${sep}… ${(names.length - max).toLocaleString('en-US')} more`;
}

/** "12 days left", "1 day left", "expired 3 days ago": for tables and the session alike. */
export function daysLeftText(daysLeft: number): string {
  const days = count(Math.abs(daysLeft), 'day');
  return daysLeft < 0 ? `expired ${days} ago` : `${days} left`;
}
