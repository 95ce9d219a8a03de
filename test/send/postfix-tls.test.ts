// TLS control against a private Postfix on loopback (its own config dir): a client certificate
// that Postfix asks for (smtpd_tls_ask_ccert) and that grants relaying (permit_tls_clientcerts
// with its SHA-256 fingerprint in relay_clientcerts), the protocol versions mailflow offers
// (--tls-max on port 25; --tls-min above the submission service's smtpd_tls_mandatory_protocols),
// and the whole chain Postfix sends (a chain file: leaf and CA) in send, ehlo and session.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ServerCert, TestCa } from '../helpers/ca.js';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';
import { clientCertSetup } from '../helpers/postfix-clientcert.js';

describe('TLS control against a private Postfix', { skip: skipServers() }, () => {
  let pf: PostfixInstance;
  let ca: TestCa;
  let client: ServerCert;
  /** Signed by the same CA but not listed in relay_clientcerts. */
  let stranger: ServerCert;
  let main: string[];

  before(async () => {
    ({ ca, client, main } = clientCertSetup('mailflow client and server CA'));
    stranger = ca.issue(['stranger.mailflow.test'], { usage: 'clientAuth' });
    pf = await startPostfix({
      extraMain: [
        // The server certificate is a chain file (leaf, then the CA): a whole chain to show.
        ...main,
        'smtpd_tls_received_header = yes',
        'smtpd_relay_restrictions = permit_mynetworks, permit_tls_clientcerts, permit_sasl_authenticated, reject_unauth_destination',
        // The submission service (smtpd_tls_security_level = encrypt) speaks TLSv1.2 at most.
        'smtpd_tls_mandatory_protocols = >=TLSv1.2, <=TLSv1.2',
      ],
    });
  });
  after(async () => {
    await pf?.stop();
    ca?.cleanup();
  });

  const run = async (args: string[]) => runCli([...args, '--timeout', '15'], { timeoutMs: 60_000 });
  const result = (r: CliRun) => {
    const [res] = jsonLines(r.stdout);
    assert.ok(res, `no JSON result; stderr: ${r.stderr}\n${pf.logs()}`);
    return res;
  };
  const relayUpTo = (stage: string, ...extra: string[]) =>
    run([
      'send',
      '--server',
      `127.0.0.1:${pf.port}`,
      '--tls-name',
      'mx.local.test',
      '--ca',
      ca.caFile,
      '--helo',
      'client.mailflow.test',
      '--from',
      'a@example.org',
      '--to',
      'b@example.net',
      '--quit-after',
      stage,
      '--json',
      ...extra,
    ]);
  const relay = (...extra: string[]) => relayUpTo('rcpt', ...extra);

  test('a listed client certificate grants relaying (permit_tls_clientcerts); without it, or with another, 554 relay denied', async () => {
    const without = await relay();
    assert.equal(without.code, 2, without.stdout + without.stderr);
    assert.match(result(without).data.recipients[0].reply, /^554 5\.7\.1 .*Relay access denied/);

    const other = await relay('--tls-cert', stranger.certFile, '--tls-key', stranger.keyFile);
    assert.equal(other.code, 2, other.stdout + other.stderr);

    const r = await relay('--tls-cert', client.certFile, '--tls-key', client.keyFile);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}\n${pf.logs()}`);
    const res = result(r);
    assert.deepEqual(
      res.findings.map((f: { id: string }) => f.id),
      ['send.ok'],
    );
    assert.equal(res.data.recipients[0].accepted, true);
    // Postfix verified the certificate against its smtpd_tls_CAfile: a "Trusted" TLS connection.
    assert.match(pf.logs(), /Trusted TLS connection established from [^\n]*127\.0\.0\.1/);
    const key = readFileSync(client.keyFile, 'utf8').split('\n')[1]!;
    assert.ok(!(r.stdout + r.stderr).includes(key), 'the key was printed');
  });

  test('relay with the listed client certificate: relay.open (the certificate grants relay rights); without it relay.closed', async () => {
    const relayRun = (...extra: string[]) =>
      run(['relay', `127.0.0.1:${pf.port}`, '--helo', 'client.mailflow.test', '--json', ...extra]);
    const closed = await relayRun();
    assert.deepEqual(
      result(closed).findings.map((f: { id: string }) => f.id),
      ['relay.closed'],
    );
    const open = await relayRun('--tls-cert', client.certFile, '--tls-key', client.keyFile);
    assert.equal(open.code, 2, open.stdout + open.stderr);
    assert.ok(result(open).findings.some((f: { id: string }) => f.id === 'relay.open'));
  });

  test('--tls-max TLSv1.2 negotiates TLSv1.2 where the server would speak TLSv1.3', async () => {
    const dflt = await relayUpTo('tls');
    assert.equal(result(dflt).data.tls.protocol, 'TLSv1.3');
    const r = await relayUpTo('tls', '--tls-max', 'TLSv1.2');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(result(r).data.tls.protocol, 'TLSv1.2');
  });

  test('--tls-min TLSv1.3 against a service limited to TLSv1.2: the error names the version mismatch', async () => {
    const r = await run([
      'send',
      '--server',
      `127.0.0.1:${pf.submissionPort}`,
      '--tls-name',
      'mx.local.test',
      '--ca',
      ca.caFile,
      '--from',
      'a@example.org',
      '--to',
      `alice@${pf.localDomain}`,
      '--tls-min',
      'TLSv1.3',
      '--quit-after',
      'tls',
      '--json',
    ]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const f = result(r).findings[0];
    assert.equal(f.id, 'send.tls-failed');
    assert.match(
      f.detail,
      /TLS protocol version mismatch: mailflow offered TLSv1\.3 only \(--tls-min\/--tls-max\) and the server accepts none of them/,
    );
    // The fix is about versions, not about the certificate.
    assert.match(f.fix, /widen or drop --tls-min\/--tls-max/);
    assert.doesNotMatch(f.fix, /Fix the certificate/);
  });

  test('ehlo --starttls --show-certs: the chain Postfix sends, leaf first', async () => {
    const r = await run([
      'ehlo',
      `127.0.0.1:${pf.port}`,
      '--starttls',
      '--ca',
      ca.caFile,
      '--show-certs',
      '--tls-cert',
      client.certFile,
      '--tls-key',
      client.keyFile,
      '--json',
    ]);
    const certs = result(r).data.certificates;
    assert.equal(certs.length, 2);
    assert.equal(certs[0].subject, 'CN=localhost');
    assert.ok(certs[0].san.includes('mx.local.test'));
    assert.equal(certs[1].fingerprint256, new X509Certificate(readFileSync(ca.caFile)).fingerprint256);
  });

  test("session's starttls helper shows every certificate of the chain", async () => {
    const file = join(ca.dir, 'tls.rec');
    writeFileSync(
      file,
      ['EHLO client.mailflow.test', '< 250 ok', 'starttls', '< 250 ok', 'QUIT', '< 221 bye', ''].join('\n'),
    );
    const r = await run(['session', `127.0.0.1:${pf.port}`, '--ca', ca.caFile, '--replay', file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\* \[0\] CN=localhost; issuer CN=mailflow client and server CA/);
    assert.match(r.stdout, /\* \[1\] CN=mailflow client and server CA; issuer .* \(self-issued\)/);
    assert.match(r.stdout, /\* verify: OK/);
  });
});
