// What is wrong with a server certificate, one fault per kind, each named for what actually
// failed: "the chain does not verify" only for chain faults, "the name does not match" (with
// the names the certificate has, bounded) and "expired"/"not yet valid" with the date.
import { count } from '../findings/count.js';
import { boundNames, chainDetails } from './cert-chain.js';
import { peerChain, type TlsInfo } from './tls-info.js';

export type CertFaultKind = 'chain' | 'name' | 'expired' | 'not-yet-valid';

export interface CertFault {
  kind: CertFaultKind;
  /** OpenSSL's or Node's code (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, ...). */
  code: string;
  /** One line: what failed, in words. */
  message: string;
  /** expired / not-yet-valid: the date that was crossed (ISO 8601). */
  date?: string;
  /** name: the name checked and the names the certificate has (at most NAMES_KEPT). */
  checkedName?: string;
  names?: string[];
  namesTotal?: number;
}

const NAMES_KEPT = 20;
const NAMES_SHOWN = 8;

/** Chain faults in words (OpenSSL's X509_V_ERR_* names, as Node reports them). */
const CHAIN_WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server sent a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed root that is not trusted here',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    "the certificate's issuer is not known here (the server may not send its intermediate certificate)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'an issuer in the chain is not trusted here (a missing intermediate, or a private CA: --ca)',
  UNABLE_TO_GET_ISSUER_CERT: 'an issuer in the chain is missing',
  CERT_SIGNATURE_FAILURE: 'a signature in the chain does not verify',
  CERT_UNTRUSTED: 'the root is not trusted for this purpose',
  CERT_REJECTED: 'the root is marked to reject this purpose',
  INVALID_CA: 'an issuer in the chain is not a CA certificate',
  INVALID_PURPOSE: 'a certificate in the chain is not for TLS server authentication',
  PATH_LENGTH_EXCEEDED: 'the chain is longer than an issuer allows',
  CERT_REVOKED: 'a certificate in the chain is revoked',
};

const day = (iso: string) => iso.slice(0, 10);

export function certFaults(tls: TlsInfo, now = Date.now()): CertFault[] {
  const out: CertFault[] = [];
  const leaf = tls.certificate;
  if (!tls.chainVerified) {
    const code = tls.chainError ?? 'untrusted';
    out.push({
      kind: 'chain',
      code,
      message: `the chain does not verify: ${CHAIN_WORDS[code] ?? 'it does not lead to a trusted root'} (${code})`,
    });
  }
  // Dates from the certificates themselves: Node reports only the first fault OpenSSL met, so an
  // expired self-signed certificate would otherwise be called only "self-signed".
  const chain = chainDetails(peerChain(tls), now);
  const expired = chain.find((c) => Date.parse(c.notAfter) < now);
  const early = chain.find((c) => Date.parse(c.notBefore) > now);
  const leafExpired = leaf && Date.parse(leaf.validTo) < now;
  if (expired || leafExpired || tls.dateError === 'CERT_HAS_EXPIRED') {
    const date = expired?.notAfter ?? leaf?.validTo ?? '';
    const who =
      expired && expired.position > 0 ? `a certificate in the chain (${expired.subject})` : 'the certificate';
    const ago = date ? Math.floor((now - Date.parse(date)) / 86_400_000) : undefined;
    out.push({
      kind: 'expired',
      code: 'CERT_HAS_EXPIRED',
      message: `${who} expired${date ? ` on ${day(date)}${ago !== undefined ? ` (${count(ago, 'day')} ago)` : ''}` : ''} (CERT_HAS_EXPIRED)`,
      ...(date ? { date } : {}),
    });
  }
  if (early || tls.dateError === 'CERT_NOT_YET_VALID') {
    const date = early?.notBefore ?? leaf?.validFrom ?? '';
    const who =
      early && early.position > 0 ? `a certificate in the chain (${early.subject})` : 'the certificate';
    out.push({
      kind: 'not-yet-valid',
      code: 'CERT_NOT_YET_VALID',
      message: `${who} is not valid yet: its validity starts ${date ? day(date) : 'later'} (CERT_NOT_YET_VALID; check this machine's clock too)`,
      ...(date ? { date } : {}),
    });
  }
  if (!tls.validForHost) {
    const names = leaf?.san ?? [];
    const has = names.length
      ? `it is for ${boundNames(names, NAMES_SHOWN)}`
      : `it has no subjectAltName (subject ${leaf?.subject ?? 'unknown'})`;
    out.push({
      kind: 'name',
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      message: `the name does not match: the certificate is not valid for ${tls.checkedName}; ${has}`,
      checkedName: tls.checkedName,
      names: names.slice(0, NAMES_KEPT),
      namesTotal: names.length,
    });
  }
  return out;
}
