// `mailflow check` with the TLS client options send/ehlo/relay take (--tls-cert/--tls-key,
// --tls-min/--tls-max), against a private Postfix on loopback: the tls group's STARTTLS offers the
// versions asked for, and the relay test's sessions present the client certificate (Postfix
// permit_tls_clientcerts grants relaying to it, so the relay test then finds the server open).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { starttlsFindings } from '../../src/checks/tls/index.js';
import type { ServerCert, TestCa } from '../helpers/ca.js';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';
import { type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';
import { clientCertSetup } from '../helpers/postfix-clientcert.js';

const ZONE = zoneText(
  'local.test',
  `@            MX    10 mx
mx           A     127.0.0.1
`,
);

const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);

interface CheckJson {
  findings: { id: string; title: string; detail: string }[];
  data: { tls: { observation?: { handshake?: { protocol?: string } } }[] };
}

function only(r: CliRun): CheckJson {
  const lines = jsonLines(r.stdout);
  assert.equal(lines.length, 1, `expected one JSON line, exit ${r.code}, stderr: ${r.stderr}`);
  return lines[0];
}

describe('tls.old-version under --tls-max', () => {
  const obs = {
    host: 'mx.local.test',
    offered: true,
    handshake: { ok: true, protocol: 'TLSv1.1' },
  };
  const ctx = {
    requirement: () => undefined,
    daneMatched: () => false,
    warnDays: 21,
    critDays: 7,
    thresholdsExplicit: false,
  };
  it("the server's best version: enable TLS 1.2 and 1.3", () => {
    const f = starttlsFindings(obs, ctx).find((x) => x.id === 'tls.old-version');
    assert.match(f!.fix, /Enable TLS 1\.2 and 1\.3/);
  });
  it('offered at most TLSv1.1: the server still accepts it and should not', () => {
    const f = starttlsFindings(obs, { ...ctx, maxOffered: 'TLSv1.1' }).find(
      (x) => x.id === 'tls.old-version',
    );
    assert.equal(f!.severity, 'warn');
    assert.match(f!.title, /still accepts TLSv1\.1/);
    assert.match(f!.detail, /offered at most TLSv1\.1 \(--tls-max\)/);
    assert.match(f!.fix, /Turn TLS 1\.0 and 1\.1 off/);
  });
});

describe('check --tls-* (NSD + Postfix on loopback)', { skip: skipNsd() || skipServers() }, () => {
  let nsd: NsdInstance;
  let pf: PostfixInstance;
  let ca: TestCa;
  let client: ServerCert;

  before(async () => {
    nsd = await startNsd([{ name: 'local.test', text: ZONE }]);
    const setup = clientCertSetup('mailflow check client and server CA');
    ({ ca, client } = setup);
    pf = await startPostfix({
      extraMain: [
        ...setup.main,
        'smtpd_relay_restrictions = permit_tls_clientcerts, permit_sasl_authenticated, reject_unauth_destination',
        // The submission service (TLS required) speaks TLSv1.2 at most; port 25 TLSv1.2 and 1.3.
        'smtpd_tls_mandatory_protocols = >=TLSv1.2, <=TLSv1.2',
        // Port 25 still accepts TLS 1.0 and 1.1 (OpenSSL 3 needs security level 0 for them).
        'smtpd_tls_protocols = >=TLSv1',
        'tls_medium_cipherlist = DEFAULT:@SECLEVEL=0',
      ],
    });
  });
  after(async () => {
    await pf?.stop();
    await nsd?.stop();
    ca?.cleanup();
  });

  const check = (port: number, ...args: string[]) =>
    runCli(
      [
        'check',
        'local.test',
        '--dns',
        nsd.server,
        '--port',
        String(port),
        '--ca',
        ca.caFile,
        // Generous: a loaded machine can take seconds to start Postfix's smtpd for a connection.
        '--timeout',
        '15',
        '--json',
        ...args,
      ],
      { timeoutMs: 90_000 },
    );
  const protocols = (res: CheckJson) => res.data.tls.map((t) => t.observation?.handshake?.protocol);

  it('--tls-max TLSv1.2: the tls group negotiates TLSv1.2 where Postfix would speak TLSv1.3', async () => {
    const dflt = only(await check(pf.port, '--only', 'tls'));
    assert.deepEqual(protocols(dflt), ['TLSv1.3'], JSON.stringify(dflt.data.tls));
    const r = await check(pf.port, '--only', 'tls', '--tls-max', 'TLSv1.2');
    const res = only(r);
    assert.deepEqual(protocols(res), ['TLSv1.2'], `${r.stderr}\n${pf.logs()}`);
    assert.ok(ids(res).includes('tls.ok'), ids(res).join(' '));
  });

  it('--tls-max TLSv1.1 against a server that still accepts it: tls.old-version says so', async () => {
    const r = await check(pf.port, '--only', 'tls', '--tls-max', 'TLSv1.1');
    const res = only(r);
    assert.deepEqual(protocols(res), ['TLSv1.1'], `${r.stderr}\n${pf.logs()}`);
    const f = res.findings.find((x) => x.id === 'tls.old-version');
    assert.ok(f, ids(res).join(' '));
    assert.match(f.title, /still accepts TLSv1\.1/);
    assert.equal(r.code, 1);
  });

  it('--tls-min TLSv1.3 against a service limited to TLSv1.2: tls.handshake-failed names the version mismatch', async () => {
    const dflt = only(await check(pf.submissionPort, '--only', 'tls'));
    assert.deepEqual(protocols(dflt), ['TLSv1.2']);
    const res = only(await check(pf.submissionPort, '--only', 'tls', '--tls-min', 'TLSv1.3'));
    const f = res.findings.find((x) => x.id === 'tls.handshake-failed');
    assert.ok(f, ids(res).join(' '));
    assert.match(f.detail, /mailflow offered TLSv1\.3 only \(--tls-min\/--tls-max\)/);
  });

  it('--tls-cert/--tls-key: the relay test presents the certificate, which Postfix lets relay', async () => {
    const relay = ['--only', 'relay', '--relay-test', '--helo', 'client.mailflow.test'];
    const closed = only(await check(pf.port, ...relay));
    assert.ok(ids(closed).includes('relay.closed'), ids(closed).join(' '));
    const r = await check(pf.port, ...relay, '--tls-cert', client.certFile, '--tls-key', client.keyFile);
    const open = only(r);
    assert.ok(ids(open).includes('relay.open'), `${ids(open).join(' ')}\n${pf.logs()}`);
    const key = readFileSync(client.keyFile, 'utf8').split('\n')[1]!;
    assert.ok(!(r.stdout + r.stderr).includes(key), 'the key was printed');
  });

  it('--tls-cert without --tls-key is a usage error, before anything connects', async () => {
    const r = await runCli(['check', 'local.test', '--tls-cert', client.certFile]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stderr, /--tls-cert needs --tls-key/);
    const range = await runCli(['check', 'local.test', '--tls-min', 'TLSv1.3', '--tls-max', 'TLSv1.2']);
    assert.equal(range.code, 3, range.stdout + range.stderr);
    assert.match(range.stderr, /--tls-min TLSv1\.3 is above --tls-max TLSv1\.2/);
    const help = await runCli(['check', '--help']);
    for (const o of ['--tls-cert', '--tls-key', '--tls-min', '--tls-max'])
      assert.ok(help.stdout.includes(o), o);
    assert.match(help.stdout, /Do the exchangers still accept TLS 1\.1\?/);
  });
});
