// What a TLS connection proved: protocol, cipher, and the peer certificate's names,
// issuer, expiry, whether the chain verifies and whether it is valid for the host name.

import {
  checkServerIdentity,
  type DetailedPeerCertificate,
  type PeerCertificate,
  rootCertificates,
  type TLSSocket,
} from 'node:tls';
import { chainFault } from './chain-trust.js';

export interface CertSummary {
  subject: string;
  /** DNS names and IP addresses from subjectAltName. */
  san: string[];
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whole days until expiry (negative when expired). */
  daysLeft: number;
  fingerprint256: string;
  serialNumber: string;
}

export interface TlsInfo {
  protocol: string;
  cipher: string;
  /** The chain verifies up to a trusted CA (the system store or a given `ca`). */
  chainVerified: boolean;
  /** Why the chain does not verify (only chain faults: issuer, self-signed, ...). */
  chainError?: string;
  /** The certificate is outside its validity dates (CERT_HAS_EXPIRED, CERT_NOT_YET_VALID). */
  dateError?: string;
  /** The certificate names the host we meant to reach (RFC 6125). */
  validForHost: boolean;
  hostError?: string;
  /** The name the certificate was checked against. */
  checkedName: string;
  certificate?: CertSummary;
  /** Subjects from the leaf up to the last certificate the server sent (or the root it chained to). */
  chain: string[];
}

function dn(part: Record<string, string | string[]> | undefined): string {
  if (!part) return '';
  return Object.entries(part)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function sanList(cert: PeerCertificate): string[] {
  if (!cert.subjectaltname) return [];
  return cert.subjectaltname
    .split(/,\s*/)
    .map((s) => s.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
}

export function summarizeCert(cert: PeerCertificate, now = Date.now()): CertSummary {
  const validTo = new Date(cert.valid_to);
  return {
    subject: dn(cert.subject as unknown as Record<string, string>),
    san: sanList(cert),
    issuer: dn(cert.issuer as unknown as Record<string, string>),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now) / 86_400_000),
    fingerprint256: cert.fingerprint256,
    serialNumber: cert.serialNumber,
  };
}

function chainSubjects(leaf: DetailedPeerCertificate): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let c: DetailedPeerCertificate | undefined = leaf;
  for (let i = 0; c && i < 10 && !seen.has(c.fingerprint256); i++) {
    seen.add(c.fingerprint256);
    out.push(dn(c.subject as unknown as Record<string, string>));
    c = c.issuerCertificate;
  }
  return out;
}

const NAME_ERROR = 'ERR_TLS_CERT_ALTNAME_INVALID';
/** Verification faults that are about the certificate's name or dates, not its chain. */
const NOT_CHAIN = new Set([NAME_ERROR, 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** `anchors`: the PEM certificates the connection trusted (default: the system roots). */
export function tlsInfo(socket: TLSSocket, hostName: string, anchors?: string[]): TlsInfo {
  const cipher = socket.getCipher();
  const cert = socket.getPeerCertificate(true) as DetailedPeerCertificate;
  const hasCert = cert && Object.keys(cert).length > 0;
  const hostErr = hasCert ? checkServerIdentity(hostName, cert) : new Error('no certificate');
  const info: TlsInfo = {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
    chainVerified: socket.authorized,
    validForHost: !hostErr,
    checkedName: hostName,
    chain: hasCert ? chainSubjects(cert) : [],
  };
  const authError = socket.authorized ? undefined : String(socket.authorizationError ?? 'untrusted');
  // Node checks the name only after the chain passed, so a name mismatch means the chain
  // verified. OpenSSL reports the last fault it met: after a date fault the chain is checked
  // again (chain-trust.ts), or an expired self-signed certificate would pass as "chain OK".
  if (authError === NAME_ERROR) info.chainVerified = true;
  else if (authError && NOT_CHAIN.has(authError)) {
    info.dateError = authError;
    const fault = hasCert ? chainFault(derChain(socket), anchors ?? [...rootCertificates]) : 'no certificate';
    info.chainVerified = fault === undefined;
    if (fault) info.chainError = fault;
  } else if (authError) info.chainError = authError;
  if (hostErr) info.hostError = hostErr.message;
  if (hasCert) info.certificate = summarizeCert(cert);
  CHAINS.set(info, derChain(socket));
  return info;
}

/** The DER chain behind each TlsInfo, kept out of its JSON (the socket is gone after QUIT). */
const CHAINS = new WeakMap<TlsInfo, Buffer[]>();

/** The certificates the server sent in the handshake `info` describes, leaf first (bounded). */
export function peerChain(info: TlsInfo | undefined): Buffer[] {
  return (info && CHAINS.get(info)) ?? [];
}

/** The peer's certificates as DER, leaf first, as far as the server sent them (bounded). */
export function derChain(socket: TLSSocket): Buffer[] {
  if (typeof socket?.getPeerCertificate !== 'function') return [];
  const out: Buffer[] = [];
  const seen = new Set<string>();
  let c: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  for (let i = 0; c?.raw && i < 10 && !seen.has(c.fingerprint256); i++) {
    seen.add(c.fingerprint256);
    out.push(c.raw);
    c = c.issuerCertificate;
  }
  return out;
}
