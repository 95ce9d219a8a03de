// Does a chain lead to a trusted root, dates aside? OpenSSL reports one verification error, the
// last it met: an expired certificate from an unknown issuer comes back as CERT_HAS_EXPIRED only.
// So after a date error the chain is checked here: each certificate signed by the next, the
// last one a trust anchor (the system roots, or --ca) or signed by one.
import { X509Certificate } from 'node:crypto';
import { type ConnectionOptions, rootCertificates } from 'node:tls';

/** The anchors a connection trusted: its `ca` option (which replaces the roots), else the roots. */
export function anchorsOf(tls: ConnectionOptions | undefined): string[] {
  const ca = tls?.ca;
  if (ca === undefined) return [...rootCertificates];
  return (Array.isArray(ca) ? ca : [ca]).map((c) => c.toString());
}

function parse(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const out: X509Certificate[] = [];
  for (const b of blocks) {
    try {
      out.push(new X509Certificate(b));
    } catch {
      // An unreadable anchor anchors nothing.
    }
  }
  return out;
}

const signs = (issuer: X509Certificate, cert: X509Certificate) =>
  cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/** Why the chain does not verify (an OpenSSL-style code), or undefined when it does. */
export function chainFault(chain: Buffer[], anchors: string[]): string | undefined {
  if (!chain.length) return 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
  const certs = chain.map((der) => new X509Certificate(der));
  for (let i = 0; i + 1 < certs.length; i++)
    if (!signs(certs[i + 1]!, certs[i]!)) return 'CERT_SIGNATURE_FAILURE';
  const last = certs[certs.length - 1]!;
  const trusted = anchors.flatMap(parse);
  if (trusted.some((a) => a.fingerprint256 === last.fingerprint256 || signs(a, last))) return undefined;
  if (last.checkIssued(last))
    return certs.length === 1 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN';
  return certs.length === 1 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
}
