// The TLS client side the user controls: a client certificate (--tls-cert/--tls-key) and the
// protocol versions offered (--tls-min/--tls-max), as node:tls connection options. Files are
// read and checked once, before anything connects; the key's text never appears in a message.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { type ConnectionOptions, createSecureContext, type SecureVersion } from 'node:tls';
import { fileErrorText, UsageError } from '../findings/errors.js';
import { readCapped } from '../io/input.js';
import { MAX_PEM_BYTES } from './ca-file.js';

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const satisfies SecureVersion[];
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export interface TlsClientArgs {
  tlsCert?: string;
  tlsKey?: string;
  tlsMin?: string;
  tlsMax?: string;
}

async function readPem(label: string, path: string): Promise<string> {
  let got: { bytes: Buffer; more: boolean };
  try {
    got = await readCapped(path, MAX_PEM_BYTES);
  } catch (e) {
    throw new UsageError(`cannot read ${label} ${path}: ${fileErrorText(e)}`);
  }
  if (got.more) throw new UsageError(`${label} ${path} is more than 4 MiB: not a PEM file`);
  return got.bytes.toString('utf8');
}

/** The first words of an OpenSSL message, without its file/line tail (never key material). */
const why = (e: unknown) =>
  String((e as Error).message ?? e)
    .split('\n')[0]!
    .replace(/^error:[0-9A-F]+:[^:]*:[^:]*:/i, '')
    .slice(0, 120);

/** Reads and checks the pair: both PEM, the key unencrypted, and the key the certificate's. */
export async function readClientCert(
  certPath: string,
  keyPath: string,
): Promise<{ cert: string; key: string }> {
  // Read asynchronously: a FIFO nobody writes to (`--tls-key <(…)` gone wrong) must leave Ctrl-C working.
  const cert = await readPem('--tls-cert', certPath);
  const key = await readPem('--tls-key', keyPath);
  if (!cert.includes('-----BEGIN CERTIFICATE-----'))
    throw new UsageError(`--tls-cert ${certPath} holds no PEM certificate`);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (e) {
    throw new UsageError(`--tls-cert ${certPath}: the certificate cannot be read (${why(e)})`);
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key))
    throw new UsageError(`--tls-key ${keyPath} holds no PEM private key`);
  if (/ENCRYPTED/.test(key))
    throw new UsageError(`--tls-key ${keyPath} is encrypted; give an unencrypted copy of the key`);
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch (e) {
    throw new UsageError(`--tls-key ${keyPath}: the key cannot be read (${why(e)})`);
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new UsageError(`--tls-key ${keyPath} is not the key of the certificate in --tls-cert ${certPath}`);
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    throw new UsageError(`--tls-cert/--tls-key cannot be used together: ${why(e)}`);
  }
  return { cert, key };
}

/** Below TLS 1.2 OpenSSL 3 needs security level 0; asking for an old version means wanting it. */
const OLD: readonly string[] = ['TLSv1', 'TLSv1.1'];

/** The connection options for these arguments (empty when none was given). */
export async function tlsClientOptions(args: TlsClientArgs): Promise<ConnectionOptions> {
  const out: ConnectionOptions = {};
  if (args.tlsCert !== undefined && args.tlsKey !== undefined)
    Object.assign(out, await readClientCert(args.tlsCert, args.tlsKey));
  if (args.tlsMin !== undefined) out.minVersion = args.tlsMin as SecureVersion;
  if (args.tlsMax !== undefined) out.maxVersion = args.tlsMax as SecureVersion;
  // An explicit old maximum needs an explicit floor: Node's default minimum is TLSv1.2.
  if (out.maxVersion && OLD.includes(out.maxVersion) && !out.minVersion) out.minVersion = 'TLSv1';
  if ((out.minVersion && OLD.includes(out.minVersion)) || (out.maxVersion && OLD.includes(out.maxVersion)))
    out.ciphers = 'DEFAULT@SECLEVEL=0';
  return out;
}

/** The versions offered, in words ("TLSv1.3 only", "TLSv1.2 to TLSv1.3"), for error messages. */
export function offeredVersions(tls: ConnectionOptions | undefined): string {
  const min = tls?.minVersion ?? 'TLSv1.2';
  const max = tls?.maxVersion ?? 'TLSv1.3';
  return min === max ? `${min} only` : `${min} to ${max}`;
}

/** OpenSSL's words for "no protocol version both sides accept". */
const VERSION_CODES = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_UNSUPPORTED_SSL_VERSION',
]);
/** Alerts a server sends about the client certificate (missing, unknown CA, refused). */
const CLIENT_CERT_CODES: Record<string, string> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED:
    'the server requires a client certificate (--tls-cert/--tls-key)',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'the server does not trust the issuer of the client certificate',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'the server refused the client certificate (bad certificate)',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'the server refused the client certificate as expired',
};

/**
 * What a failed handshake means, in words: a protocol version mismatch names the versions
 * mailflow offered, a refused client certificate says so; anything else keeps OpenSSL's words.
 */
export function describeHandshakeError(e: NodeJS.ErrnoException, tls: ConnectionOptions | undefined): string {
  const code = e.code ?? '';
  if (
    VERSION_CODES.has(code) ||
    /protocol version|unsupported protocol|no protocols available/i.test(e.message)
  ) {
    const chosen = tls?.minVersion || tls?.maxVersion ? ' (--tls-min/--tls-max)' : '';
    const side =
      code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE'
        ? "this machine's OpenSSL cannot offer them"
        : code === 'ERR_SSL_UNSUPPORTED_PROTOCOL'
          ? 'the server chose a version outside them'
          : 'the server accepts none of them (it answered with a protocol_version alert)';
    return `TLS protocol version mismatch: mailflow offered ${offeredVersions(tls)}${chosen} and ${side} [${code || 'protocol version'}]`;
  }
  const cc = CLIENT_CERT_CODES[code];
  if (cc) return `TLS handshake failed: ${cc} [${code}]`;
  return `TLS handshake failed: ${e.message.split('\n')[0]}`;
}
