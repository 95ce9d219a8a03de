// TLS control in `send` and `ehlo` against a scripted STARTTLS server on loopback (what a real
// server will not do on demand: expired, self-signed, misnamed and 1,800-name certificates):
// certificate faults named for what failed, --show-certs, --save-certs, the usage errors of
// --tls-cert/--tls-key/--tls-min/--tls-max, and a protocol version mismatch.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SecureContextOptions } from 'node:tls';
import { daysLeftText } from '../../src/smtp/cert-chain.js';
import { createCa, type ServerCert, selfSignedCert, type TestCa } from '../helpers/ca.js';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { type FakeConn, multiline, scriptedServers } from '../helpers/fake-smtp.js';

const servers = scriptedServers();
let ca: TestCa;
let good: ServerCert;
let expired: ServerCert;
let wrongName: ServerCert;
let selfSigned: { certFile: string; keyFile: string };
let manyNames: ServerCert;
let future: ServerCert;
let clientCert: ServerCert;
let otherKey: ServerCert;

const MANY = 1800;

before(() => {
  ca = createCa('mailflow tls-control CA');
  good = ca.issue(['mx.example.test']);
  expired = ca.issue(['mx.example.test'], { notBefore: '20200101000000Z', notAfter: '20200201000000Z' });
  wrongName = ca.issue(['other.example.org']);
  future = ca.issue(['mx.example.test'], { notBefore: '20900101000000Z', notAfter: '20910101000000Z' });
  manyNames = ca.issue(Array.from({ length: MANY }, (_, i) => `n${i}.example.org`));
  clientCert = ca.issue(['client.example.test'], { usage: 'clientAuth' });
  otherKey = ca.issue(['client2.example.test'], { usage: 'clientAuth' });
  selfSigned = selfSignedCert(ca.dir, 'self', 'mx.example.test', [
    'subjectAltName=DNS:mx.example.test,DNS:localhost,IP:127.0.0.1',
  ]);
});
after(async () => {
  await servers.closeAll();
  ca?.cleanup();
});

/** STARTTLS with this certificate (and TLS options); EHLO, then 250 to anything, 221 to QUIT. */
function starttlsServer(
  cert: { certFile: string; keyFile: string; chainFile?: string },
  extra: SecureContextOptions = {},
) {
  return async (c: FakeConn) => {
    c.send('220 mx.example.test ESMTP');
    let tls = false;
    for (let n = 0; n < 20; n++) {
      const line = await c.readLine();
      if (line === null) return;
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') c.send(...multiline(250, ['mx.example.test', ...(tls ? [] : ['STARTTLS'])]));
      else if (verb === 'STARTTLS') {
        c.send('220 2.0.0 go ahead');
        c.startTls({
          cert: readFileSync(cert.chainFile ?? cert.certFile),
          key: readFileSync(cert.keyFile),
          ...extra,
        });
        tls = true;
      } else if (verb === 'QUIT') {
        c.send('221 bye');
        return c.end();
      } else c.send('250 ok');
    }
  };
}

/** A send that stops once TLS is up (or as `quitAfter` says), verifying the name mx.example.test. */
const sendArgs = (port: number, opts: { ca?: boolean; tls?: boolean; quitAfter?: string } = {}) => [
  'send',
  '--server',
  `127.0.0.1:${port}`,
  '--tls-name',
  'mx.example.test',
  ...(opts.ca === false ? [] : ['--ca', ca.caFile]),
  ...(opts.tls === false ? [] : ['--tls']),
  '--from',
  'a@b.test',
  '--to',
  'c@d.test',
  '--quit-after',
  opts.quitAfter ?? 'tls',
  '--timeout',
  '5',
];

const sendTo = (port: number, ...extra: string[]) => runCli([...sendArgs(port), ...extra]);

const result = (r: CliRun) => {
  const [res] = jsonLines(r.stdout);
  assert.ok(res, `no JSON: ${r.stdout}${r.stderr}`);
  return res;
};
const ids = (res: { findings: { id: string }[] }) => res.findings.map((f) => f.id);

describe('certificate faults are named for what failed', () => {
  test('expired (from a trusted CA): send.tls-cert-expired with the date, never "chain does not verify"', async () => {
    const s = await servers.start(starttlsServer(expired));
    const r = await sendTo(s.port, '--json');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const res = result(r);
    assert.deepEqual(ids(res), ['send.tls-cert-expired']);
    const f = res.findings[0];
    assert.match(f.detail, /the certificate expired on 2020-02-01 \(\d+ days ago\) \(CERT_HAS_EXPIRED\)/);
    assert.doesNotMatch(JSON.stringify(res.findings), /chain does not verify/);
    assert.equal(f.data.date, '2020-02-01T00:00:00.000Z');
    assert.ok(f.fix && f.ref.includes('RFC 5280'));
  });

  test('wrong name: send.tls-cert-name says which names the certificate has', async () => {
    const s = await servers.start(starttlsServer(wrongName));
    const r = await sendTo(s.port, '--json');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const res = result(r);
    assert.deepEqual(ids(res), ['send.tls-cert-name']);
    const f = res.findings[0];
    assert.match(
      f.detail,
      /the name does not match: the certificate is not valid for mx\.example\.test; it is for localhost, 127\.0\.0\.1, other\.example\.org/,
    );
    assert.deepEqual(f.data.names, ['localhost', '127.0.0.1', 'other.example.org']);
    assert.match(f.ref, /RFC 9525/);
  });

  test('self-signed: send.tls-cert-chain, "chain does not verify" with the reason', async () => {
    const s = await servers.start(starttlsServer(selfSigned));
    const r = await sendTo(s.port, '--json');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const res = result(r);
    assert.deepEqual(ids(res), ['send.tls-cert-chain']);
    assert.match(
      res.findings[0].detail,
      /the chain does not verify: the server sent a self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    );
    assert.equal(res.findings[0].data.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  test('not yet valid: send.tls-cert-not-yet-valid with the start date', async () => {
    const s = await servers.start(starttlsServer(future));
    const r = await sendTo(s.port, '--json');
    const res = result(r);
    assert.deepEqual(ids(res), ['send.tls-cert-not-yet-valid']);
    assert.match(res.findings[0].detail, /is not valid yet: its validity starts 2090-01-01/);
  });

  test('an expired certificate signed by an unknown CA: both faults, each named (Node reports only the first)', async () => {
    const s = await servers.start(starttlsServer(expired));
    const r = await runCli([...sendArgs(s.port, { ca: false }), '--json']);
    const res = result(r);
    assert.deepEqual(ids(res), ['send.tls-cert-chain', 'send.tls-cert-expired']);
  });

  test('ehlo --starttls names the same faults in ehlo.tls-cert: expiry with its date, not the chain', async () => {
    const s = await servers.start(starttlsServer(expired));
    const r = await runCli([
      'ehlo',
      `127.0.0.1:${s.port}`,
      '--starttls',
      '--ca',
      ca.caFile,
      '--timeout',
      '5',
      '--json',
    ]);
    const f = result(r).findings.find((x: { id: string }) => x.id === 'ehlo.tls-cert');
    assert.match(f.title, /the certificate expired on 2020-02-01/);
    assert.doesNotMatch(f.title, /chain does not verify/);
  });

  test('opportunistic STARTTLS without AUTH goes on: the same finding as a warning (exit 1)', async () => {
    const s = await servers.start(starttlsServer(wrongName));
    const r = await runCli([...sendArgs(s.port, { tls: false, quitAfter: 'rcpt' }), '--json']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const res = result(r);
    assert.deepEqual(ids(res), ['send.tls-cert-name', 'send.ok']);
    assert.equal(res.findings[0].severity, 'warn');
  });

  test(`a certificate with ${MANY.toLocaleString('en-US')} names: the name error lists a few and counts the rest`, {
    timeout: 30_000,
  }, async () => {
    const s = await servers.start(starttlsServer(manyNames));
    const r = await sendTo(s.port, '--json', '--show-certs');
    const res = result(r);
    const f = res.findings.find((x: { id: string }) => x.id === 'send.tls-cert-name');
    assert.match(f.detail, new RegExp(`… ${(MANY + 2 - 8).toLocaleString('en-US')} more`));
    assert.ok(f.detail.length < 600, `detail is ${f.detail.length} characters`);
    assert.equal(f.data.namesTotal, MANY + 2);
    // JSON has every name of the certificate; the human table shows a dozen and the count.
    assert.equal(res.data.certificates[0].san.length, MANY + 2);
    const human = await sendTo(s.port, '--show-certs');
    assert.match(human.stdout, new RegExp(`… ${(MANY + 2 - 12).toLocaleString('en-US')} more`));
    assert.ok(human.stdout.length < 20_000, `human output is ${human.stdout.length} characters`);
  });
});

describe('--show-certs and --save-certs', () => {
  test('--show-certs: every certificate, leaf first, with subject, issuer, dates, names and SHA-256', async () => {
    const s = await servers.start(starttlsServer(good));
    const r = await sendTo(s.port, '--show-certs', '--json');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const certs = result(r).data.certificates;
    assert.equal(certs.length, 2);
    const leaf = new X509Certificate(readFileSync(good.certFile));
    assert.equal(certs[0].fingerprint256, leaf.fingerprint256);
    assert.equal(certs[0].subject, 'CN=localhost');
    assert.equal(certs[0].issuer, 'CN=mailflow tls-control CA');
    assert.deepEqual(certs[0].san, ['localhost', '127.0.0.1', 'mx.example.test']);
    assert.equal(certs[0].notAfter, new Date(leaf.validTo).toISOString());
    assert.ok(certs[0].daysLeft >= 1);
    assert.equal(certs[1].selfIssued, true);
    assert.equal(certs[1].fingerprint256, new X509Certificate(readFileSync(ca.caFile)).fingerprint256);

    const human = await sendTo(s.port, '--show-certs');
    assert.match(human.stdout, /Certificates the server sent/);
    assert.match(human.stdout, /issuer: CN=mailflow tls-control CA/);
    assert.match(human.stdout, /SHA-256/);
    // Without --show-certs, neither the table nor data.certificates.
    const plain = await sendTo(s.port, '--json');
    assert.equal(result(plain).data.certificates, undefined);
  });

  test('--save-certs writes the chain as PEM, leaf first; an unwritable path is a usage error before connecting', async () => {
    const s = await servers.start(starttlsServer(good));
    const file = join(ca.dir, 'saved.pem');
    writeFileSync(file, 'old content');
    const r = await sendTo(s.port, '--save-certs', file);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const pem = readFileSync(file, 'utf8');
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
    assert.equal(blocks.length, 2);
    assert.equal(
      new X509Certificate(blocks[0]!).fingerprint256,
      new X509Certificate(readFileSync(good.certFile)).fingerprint256,
    );
    assert.doesNotMatch(pem, /old content/);
    const bad = await sendTo(s.port, '--save-certs', join(ca.dir, 'no-such-dir', 'x.pem'));
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /cannot write --save-certs .*no-such-dir\/x\.pem: no such file or directory/);
  });

  test('--show-certs and --save-certs on a session that stops before TLS: each says so, neither is silently ignored', async () => {
    const s = await servers.start(starttlsServer(good));
    const file = join(ca.dir, 'never.pem');
    const r = await runCli([
      ...sendArgs(s.port, { tls: false, quitAfter: 'ehlo' }),
      '--show-certs',
      '--save-certs',
      file,
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /--show-certs: no certificates to show: the session did not get as far as TLS/);
    assert.match(r.stderr, /--save-certs: nothing written to .*never\.pem/);
  });

  test('ehlo --starttls --show-certs --save-certs: the same chain', async () => {
    const s = await servers.start(starttlsServer(good));
    const file = join(ca.dir, 'ehlo.pem');
    const r = await runCli([
      'ehlo',
      `127.0.0.1:${s.port}`,
      '--starttls',
      '--ca',
      ca.caFile,
      '--show-certs',
      '--save-certs',
      file,
      '--timeout',
      '5',
      '--json',
    ]);
    const res = result(r);
    assert.equal(res.data.certificates.length, 2);
    assert.equal(res.data.certificates[0].subject, 'CN=localhost');
    assert.equal((readFileSync(file, 'utf8').match(/BEGIN CERTIFICATE/g) ?? []).length, 2);
  });

  test('ehlo --show-certs without --starttls says there is nothing to show, as --save-certs does', async () => {
    const s = await servers.start(starttlsServer(good));
    const r = await runCli(['ehlo', `127.0.0.1:${s.port}`, '--show-certs', '--timeout', '5']);
    assert.match(
      r.stderr,
      /--show-certs: no certificates to show: no server got as far as TLS \(add --starttls\?\)/,
    );
  });
});

describe('--tls-cert/--tls-key and --tls-min/--tls-max', () => {
  const usage = async (...extra: string[]) => {
    const r = await sendTo(1, ...extra);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.equal(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => !/--help/.test(l)).length,
      1,
      r.stderr,
    );
    return r.stderr;
  };

  test('usage errors (exit 3, one line) for a missing half, an unreadable file, a mismatched key, bad versions', async () => {
    assert.match(await usage('--tls-cert', clientCert.certFile), /--tls-cert needs --tls-key/);
    assert.match(await usage('--tls-key', clientCert.keyFile), /--tls-key needs --tls-cert/);
    assert.match(
      await usage('--tls-cert', '/nonexistent/c.pem', '--tls-key', clientCert.keyFile),
      /cannot read --tls-cert \/nonexistent\/c\.pem: no such file or directory/,
    );
    const mismatch = await usage('--tls-cert', clientCert.certFile, '--tls-key', otherKey.keyFile);
    assert.match(mismatch, /--tls-key .* is not the key of the certificate in --tls-cert/);
    assert.match(
      await usage('--tls-cert', clientCert.keyFile, '--tls-key', clientCert.keyFile),
      /holds no PEM certificate/,
    );
    assert.match(
      await usage('--tls-cert', clientCert.certFile, '--tls-key', clientCert.certFile),
      /holds no PEM private key/,
    );
    assert.match(await usage('--tls-min', 'TLSv1.4'), /tls-min/);
    assert.match(
      await usage('--tls-min', 'TLSv1.3', '--tls-max', 'TLSv1.2'),
      /--tls-min TLSv1\.3 is above --tls-max TLSv1\.2/,
    );
    assert.match(await usage('--no-tls', '--tls-max', 'TLSv1.2'), /--no-tls excludes --tls-max/);
  });

  test('ehlo, probe, relay and session take the same options with the same checks', async () => {
    for (const cmd of [
      ['ehlo', '127.0.0.1'],
      ['probe', '127.0.0.1'],
      ['relay', '127.0.0.1'],
      ['session', '127.0.0.1'],
    ]) {
      const half = await runCli([...cmd, '--tls-cert', clientCert.certFile]);
      assert.equal(half.code, 3, `${cmd[0]}: ${half.stderr}`);
      assert.match(half.stderr, /--tls-cert needs --tls-key/);
      const range = await runCli([...cmd, '--tls-min', 'TLSv1.3', '--tls-max', 'TLSv1']);
      assert.equal(range.code, 3, `${cmd[0]}: ${range.stderr}`);
      assert.match(range.stderr, /--tls-min TLSv1\.3 is above --tls-max TLSv1/);
    }
  });

  test('the key never appears in any output, even when it is given as the certificate', async () => {
    const key = readFileSync(otherKey.keyFile, 'utf8');
    const body = key.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const args of [
      ['--tls-cert', clientCert.certFile, '--tls-key', otherKey.keyFile],
      ['--tls-cert', otherKey.keyFile, '--tls-key', otherKey.keyFile],
      ['--tls-cert', clientCert.certFile, '--tls-key', otherKey.keyFile, '-v'],
    ]) {
      const r = await sendTo(1, ...args);
      for (const l of body) assert.ok(!(r.stdout + r.stderr).includes(l), 'a line of the key was printed');
    }
  });

  test('--tls-max TLSv1.2 negotiates TLSv1.2; --tls-min above what the server speaks names the mismatch', async () => {
    const s = await servers.start(starttlsServer(good));
    const r = await sendTo(s.port, '--tls-max', 'TLSv1.2', '--json');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(result(r).data.tls.protocol, 'TLSv1.2');
    const old = await servers.start(starttlsServer(good, { maxVersion: 'TLSv1.2' }));
    const m = await sendTo(old.port, '--tls-min', 'TLSv1.3', '--json');
    assert.equal(m.code, 2);
    const f = result(m).findings[0];
    assert.equal(f.id, 'send.tls-failed');
    assert.match(
      f.detail,
      /TLS protocol version mismatch: mailflow offered TLSv1\.3 only \(--tls-min\/--tls-max\) and the server accepts none of them/,
    );
  });
});

test('days left read as English: 1 day, 2 days, expired 1 day ago', () => {
  assert.deepEqual([1, 2, 0, -1, -30].map(daysLeftText), [
    '1 day left',
    '2 days left',
    '0 days left',
    'expired 1 day ago',
    'expired 30 days ago',
  ]);
});
