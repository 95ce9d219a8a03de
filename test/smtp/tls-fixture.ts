// A throwaway CA and server certificate (made with the openssl CLI) for STARTTLS tests
// against the scripted server. Lives in a temp dir removed by cleanup().
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsFixture {
  ca: string;
  cert: string;
  key: string;
  cleanup(): void;
}

export function makeTlsFixture(names = ['localhost'], ips = ['127.0.0.1'], days = 30): TlsFixture {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-tls-'));
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe', timeout: 20_000 });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=mailflow test CA',
  );
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('srv.key'),
    '-out',
    f('srv.csr'),
    '-subj',
    `/CN=${names[0] ?? 'localhost'}`,
  );
  const san = [...names.map((n) => `DNS:${n}`), ...ips.map((i) => `IP:${i}`)].join(',');
  writeFileSync(f('ext.cnf'), `subjectAltName=${san}\n`);
  ssl(
    'x509',
    '-req',
    '-in',
    f('srv.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('srv.pem'),
    '-days',
    String(days),
    '-extfile',
    f('ext.cnf'),
  );
  const read = (n: string) => readFileSync(f(n), 'utf8');
  const fx = { ca: read('ca.pem'), cert: read('srv.pem'), key: read('srv.key') };
  return { ...fx, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
