// A throwaway private CA and server certificates for loopback TLS servers in tests
// (Postfix STARTTLS, an MTA-STS HTTPS server, fakes). Uses the openssl CLI so the
// certificates are ordinary files any server binary can read.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerCert {
  /** PEM certificate (leaf only). */
  certFile: string;
  /** PEM private key (unencrypted). */
  keyFile: string;
  /** Leaf followed by the CA certificate, for servers that want a chain file. */
  chainFile: string;
}

export interface IssueOptions {
  days?: number;
  /** Fixed validity (YYYYMMDDHHMMSSZ, e.g. '20200101000000Z'): an expired or not-yet-valid certificate. */
  notBefore?: string;
  notAfter?: string;
  /** extendedKeyUsage (default serverAuth). */
  usage?: 'serverAuth' | 'clientAuth';
}

export interface TestCa {
  dir: string;
  /** PEM of the CA certificate: pass to `--ca` or `ca:` options. */
  caFile: string;
  caKeyFile: string;
  /** Issue a server certificate for these names (localhost and 127.0.0.1 are always included). */
  issue(names?: string[], opts?: IssueOptions): ServerCert;
  /** Remove the temp dir. */
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  // stdio captured so a failure shows openssl's own words instead of a bare exit code.
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString() || err.message}`);
  }
}

let serial = 0;

/** A self-signed certificate and its key, `<dir>/<name>.pem` and `.key`, valid for 2 days. */
export function selfSignedCert(
  dir: string,
  name: string,
  commonName: string,
  extensions: string[],
): { certFile: string; keyFile: string } {
  const certFile = join(dir, `${name}.pem`);
  const keyFile = join(dir, `${name}.key`);
  openssl(
    [
      'req',
      '-x509',
      ...['-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2'],
      ...['-subj', `/CN=${commonName}`],
      ...extensions.flatMap((e) => ['-addext', e]),
    ],
    dir,
  );
  return { certFile, keyFile };
}

/** Create a CA in a new temp dir. Each call is independent, so concurrent tests don't share keys. */
export function createCa(label = 'mailflow test CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-ca-'));
  const caKeyFile = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.pem');
  selfSignedCert(dir, 'ca', label.replace(/[/=]/g, ' '), [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);

  function issue(names: string[] = [], opts: IssueOptions = {}): ServerCert {
    const n = ++serial;
    const all = [...new Set(['localhost', '127.0.0.1', ...names])];
    const san = all.map((x) => (isIP(x) ? `IP:${x}` : `DNS:${x}`)).join(',');
    const base = join(dir, `server${n}`);
    const ext = `${base}.ext`;
    writeFileSync(
      ext,
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        `extendedKeyUsage=${opts.usage ?? 'serverAuth'}`,
        `subjectAltName=${san}`,
        '',
      ].join('\n'),
    );
    const cn = all.find((x) => !isIP(x)) ?? 'localhost';
    openssl(
      [
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${base}.key`,
        '-out',
        `${base}.csr`,
        '-subj',
        `/CN=${cn}`,
      ],
      dir,
    );
    if (opts.notBefore || opts.notAfter) signWithDates(base, ext, opts);
    else
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${base}.csr`,
          '-CA',
          caFile,
          '-CAkey',
          caKeyFile,
          '-CAcreateserial',
          '-out',
          `${base}.pem`,
          '-days',
          String(opts.days ?? 2),
          '-extfile',
          ext,
        ],
        dir,
      );
    const chainFile = `${base}.chain.pem`;
    writeFileSync(chainFile, readFileSync(`${base}.pem`, 'utf8') + readFileSync(caFile, 'utf8'));
    return { certFile: `${base}.pem`, keyFile: `${base}.key`, chainFile };
  }

  /** `openssl x509 -req` takes only a number of days from now; `openssl ca` takes dates. */
  function signWithDates(base: string, ext: string, opts: IssueOptions): void {
    const cnf = join(dir, 'ca.cnf');
    writeFileSync(join(dir, 'index.txt'), '', { flag: 'a' });
    writeFileSync(join(dir, 'ca.serial'), `1${randomBytes(8).toString('hex')}0\n`);
    writeFileSync(
      cnf,
      '[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = ca.serial\ndefault_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n',
    );
    openssl(
      [
        'ca',
        '-batch',
        '-notext',
        '-config',
        cnf,
        '-cert',
        caFile,
        '-keyfile',
        caKeyFile,
        '-in',
        `${base}.csr`,
        '-out',
        `${base}.pem`,
        '-startdate',
        opts.notBefore ?? '20200101000000Z',
        '-enddate',
        opts.notAfter ?? '20991231000000Z',
        '-extfile',
        ext,
      ],
      dir,
    );
  }

  return {
    dir,
    caFile,
    caKeyFile,
    issue,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
