// --show-certs and --save-certs for the commands that hold a TLS session (send, ehlo): the chain
// as a table (names bounded: a certificate may carry 1,800 of them) and as PEM in a file.
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileErrorText, UsageError } from '../findings/errors.js';
import { columns, type DataTable } from '../findings/model.js';
import { boundNames, type CertDetail, chainDetails, chainPem, daysLeftText } from './cert-chain.js';
import { peerChain, type TlsInfo } from './tls-info.js';

/** Names shown per certificate in the table (JSON has them all). */
const TABLE_NAMES = 12;

export function certificatesOf(tls: TlsInfo | undefined | null): CertDetail[] {
  return tls ? chainDetails(peerChain(tls)) : [];
}

const validity = (c: CertDetail) =>
  `${c.notBefore.slice(0, 10)} to ${c.notAfter.slice(0, 10)}\n${daysLeftText(c.daysLeft)}`;

/** One row per certificate, leaf first: what `openssl s_client -showcerts` makes people read by hand. */
export function certTable(certs: CertDetail[], title = 'Certificates the server sent'): DataTable {
  return {
    id: 'tls.certificates',
    title,
    columns: columns({
      position: '#',
      subjectIssuer: 'subject / issuer',
      valid: 'valid',
      names: 'names (subjectAltName)',
      sha256: 'SHA-256',
    }),
    rows: certs.map((c) => [
      String(c.position),
      `${c.subject}\nissuer: ${c.issuer}${c.selfIssued ? ' (self-issued)' : ''}`,
      validity(c),
      c.san.length ? boundNames(c.san, TABLE_NAMES, '\n') : '(none)',
      // Two lines of 16 bytes each so the table stays narrow.
      c.fingerprint256.replace(/^((?:[0-9A-F]{2}:){15}[0-9A-F]{2}):/, '$1:\n'),
    ]),
  };
}

/** --save-certs: a file we can write, checked before anything connects (nothing is created yet). */
export function checkWritable(path: string): void {
  let target = path;
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`--save-certs ${path} is a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    target = dirname(path);
  }
  try {
    accessSync(target, constants.W_OK);
  } catch (e) {
    throw new UsageError(`cannot write --save-certs ${path}: ${fileErrorText(e)}`);
  }
}

/**
 * Writes the chains as PEM, leaf first (overwriting, as `openssl s_client -showcerts > file` does).
 * Several servers (ehlo of a domain's exchangers) each get a comment line naming them first.
 * Returns how many certificates were written (none: the file is left alone); a failure to write is a usage error naming the file.
 */
export function saveChains(
  path: string,
  chains: { label: string; tls: TlsInfo | null | undefined }[],
): number {
  const withCerts = chains
    .map((c) => ({ ...c, der: c.tls ? peerChain(c.tls) : [] }))
    .filter((c) => c.der.length);
  const text = withCerts
    .map((c) => `${withCerts.length > 1 ? `# ${c.label}\n` : ''}${chainPem(c.der)}`)
    .join('');
  if (!withCerts.length) return 0;
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write --save-certs ${path}: ${fileErrorText(e)}`);
  }
  return withCerts.reduce((n, c) => n + c.der.length, 0);
}
