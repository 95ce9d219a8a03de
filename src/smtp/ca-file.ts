// --ca <file>: a private CA (PEM) to verify certificates against, read once per run.
import { X509Certificate } from 'node:crypto';
import { type ConnectionOptions, rootCertificates } from 'node:tls';
import { fileErrorText, UsageError } from '../findings/errors.js';
import { readCapped } from '../io/input.js';

/** A CA bundle is kilobytes (the system's, ~200 KB); more is not one (/dev/zero, a disk image). */
export const MAX_PEM_BYTES = 4 * 1024 * 1024;

export async function readCaFile(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  let pem: string;
  try {
    const got = await readCapped(path, MAX_PEM_BYTES);
    if (got.more) throw new UsageError(`--ca ${path} is more than 4 MiB: not a PEM file`);
    pem = got.bytes.toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read --ca ${path}: ${fileErrorText(e)}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new UsageError(`--ca ${path} holds no PEM certificate`);
  // TLS skips a CA it cannot parse without a word; every certificate would then look untrusted.
  try {
    new X509Certificate(pem);
  } catch (e) {
    throw new UsageError(`--ca ${path}: the certificate cannot be read (${(e as Error).message})`);
  }
  return pem;
}

/**
 * TLS options that trust `ca` as well as the system's roots. Node's `ca` option alone replaces
 * the roots, which would make every public certificate "untrusted" once --ca is given.
 */
export function trustingCa(ca: string | undefined): ConnectionOptions | undefined {
  return ca ? { ca: [...rootCertificates, ca] } : undefined;
}
