// `mailflow check` end to end: a real NSD serving the test zones, a real Postfix with a
// private CA, a loopback HTTPS server for MTA-STS, and scripted SMTP servers for the faults.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCa, type TestCa } from '../helpers/ca.js';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { EXAMPLE_2, faults, multiline, replay, type Script, startFakeSmtp } from '../helpers/fake-smtp.js';
import { type HttpsServer, startHttpsServer } from '../helpers/https-server.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';
import { freePort, type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';
import { assertPromtoolAccepts } from '../helpers/promtool.js';

const ZONE = zoneText(
  'local.test',
  `@            MX    10 mx
mx           A     127.0.0.1
mx           AAAA  ::1
mta-sts      A     127.0.0.1
@            TXT   "v=spf1 ip4:127.0.0.1 -all"
_dmarc       TXT   "v=DMARC1; p=reject; rua=mailto:dmarc@local.test"
_mta-sts     TXT   "v=STSv1; id=20260101"
_smtp._tls   TXT   "v=TLSRPTv1; rua=mailto:tlsrpt@local.test"
; fake.local.test: one exchanger on 127.0.0.1 for the scripted servers, no policies
fake         MX    10 mx.fake
mx.fake      A     127.0.0.1
; weak.local.test: SPF over the lookup limit, DMARC p=none
weak         MX    10 mx
weak         TXT   "v=spf1 include:a.local.test include:a.local.test include:a.local.test include:a.local.test -all"
a            TXT   "v=spf1 a mx ptr -all"
_dmarc.weak  TXT   "v=DMARC1; p=none"
`,
);

const POLICY = (mx: string, mode = 'enforce') =>
  `version: STSv1\r\nmode: ${mode}\r\nmx: ${mx}\r\nmax_age: 604800\r\n`;
const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);

/** The one JSON result of a run; a run that printed none fails with its stderr. */
function only(r: CliRun): any {
  const lines = jsonLines(r.stdout);
  assert.equal(lines.length, 1, `expected one JSON line, exit ${r.code}, stderr: ${r.stderr}`);
  return lines[0];
}

describe('mailflow check (NSD + Postfix + HTTPS on loopback)', { skip: skipNsd() || skipServers() }, () => {
  let nsd: NsdInstance;
  let postfix: PostfixInstance;
  let ca: TestCa;
  let https: HttpsServer;
  let dir: string;
  let caBundle: string;
  const base = () => [
    '--dns',
    nsd.server,
    '--port',
    String(postfix.port),
    '--ca',
    caBundle,
    '--mta-sts-port',
    String(https.port),
    '--timeout',
    '3',
  ];
  /** `mailflow check ARGS` against the loopback servers above. */
  const check = (...args: string[]) => runCli(['check', ...args, ...base()]);
  const onlyGroups = (...groups: string[]) => groups.flatMap((g) => ['--only', g]);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailflow-check-'));
    // The parent zone too: DMARC's tree walk asks _dmarc.test, which an NSD without it would refuse.
    nsd = await startNsd([
      { name: 'local.test', text: ZONE },
      { name: 'test', text: zoneText('test', '') },
    ]);
    // Dual stack: mx.local.test has A 127.0.0.1 and AAAA ::1, Postfix's port 25 listens on both.
    postfix = await startPostfix({ ipv6: true });
    ca = createCa('mta-sts test CA');
    https = await startHttpsServer(ca.issue(['mta-sts.local.test']));
    https.set('mta-sts.local.test', { body: POLICY('mx.local.test') });
    caBundle = join(dir, 'ca-bundle.pem');
    writeFileSync(caBundle, readFileSync(postfix.caFile, 'utf8') + readFileSync(ca.caFile, 'utf8'));
  });
  after(async () => {
    await https?.close();
    await postfix?.stop();
    await nsd?.stop();
    ca?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a healthy domain: every group passes', async () => {
    // This NSD serves no blocklist zones; the blocklist group has its own test (test/blocklist/check.test.ts).
    const r = await check(
      'local.test',
      '--json',
      '--skip',
      'blocklist',
      '--warning',
      'days=1',
      '--critical',
      'days=1',
    );
    const res = only(r);
    const got = ids(res);
    for (const id of [
      'probe.open',
      'tls.ok',
      'mta-sts.ok',
      'tls-rpt.ok',
      'dane.none',
      'spf.ok',
      'dmarc.ok',
    ]) {
      assert.ok(got.includes(id), `${id} missing: ${got.join(' ')}\n${r.stderr}`);
    }
    assert.ok(!res.findings.some((f: { severity: string }) => f.severity === 'fail'), r.stdout);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.match(res.data.verdict.text, /local\.test can receive mail/);
    assert.match(res.data.verdict.id, /^check\.verdict\.receives/);
    // STARTTLS belongs to the tls group: the EHLO findings neither judge it nor suggest --starttls,
    // an option check does not have.
    const ehloOk = res.findings.find((f: { id: string }) => f.id === 'ehlo.ok');
    assert.ok(ehloOk, got.join(' '));
    assert.doesNotMatch(ehloOk.detail, /--starttls/);
    assert.equal(https.requests.at(-1)?.path, '/.well-known/mta-sts.txt');
  });

  it('dual stack: the exchanger is reached over IPv4 and IPv6; -6 keeps to ::1', async () => {
    const days = ['--warning', 'days=1', '--critical', 'days=1'];
    const groups = onlyGroups('mx', 'smtp', 'tls');
    const both = only(await check('local.test', '--json', ...days, ...groups));
    assert.deepEqual(both.data.mx.exchangers[0].addresses, ['127.0.0.1', '::1']);
    assert.deepEqual(
      both.data.probe.map((p: { address: string; outcome: string }) => `${p.address} ${p.outcome}`),
      ['127.0.0.1 open', '::1 open'],
    );
    assert.ok(ids(both).includes('tls.ok'), ids(both).join(' '));

    const six = only(await check('local.test', '--json', '-6', ...days, ...groups));
    assert.deepEqual(
      six.data.probe.map((p: { address: string; outcome: string }) => `${p.address} ${p.outcome}`),
      ['::1 open'],
    );
    assert.equal(six.data.ehlo[0].address, '::1');
    assert.equal(six.data.ehlo[0].heloName, '[IPv6:::1]');
    assert.ok(ids(six).includes('tls.ok'), ids(six).join(' '));
    assert.ok(!six.findings.some((f: { severity: string }) => f.severity === 'fail'), ids(six).join(' '));
  });

  it('--only tls keeps the certificate metric (perfdata) for monitoring', async () => {
    const res = only(await check('local.test', '--json', ...onlyGroups('tls')));
    assert.ok(
      res.metrics.some((m: { name: string }) => m.name === 'tls_cert_expiry'),
      JSON.stringify(res.metrics),
    );
    assert.ok(!ids(res).includes('check.not-tested'), ids(res).join(' '));
  });

  it('human output: verdict table, group summary, findings with references', async () => {
    const r = await check('local.test');
    assert.match(r.stdout, /Verdict: local\.test/, r.stderr);
    assert.match(r.stdout, /mta-sts/);
    assert.match(r.stdout, /RFC 8461/);
  });

  it('MTA-STS enforce with an MX outside the policy fails, and WebPKI problems become failures', async () => {
    https.set('mta-sts.local.test', { body: POLICY('other.local.test') });
    try {
      const r = await check('local.test', '--json', ...onlyGroups('mta-sts'));
      const res = only(r);
      assert.deepEqual(ids(res), ['mta-sts.mx-mismatch']);
      assert.equal(r.code, 2);
    } finally {
      https.set('mta-sts.local.test', { body: POLICY('mx.local.test') });
    }
  });

  it('MTA-STS policy behind a redirect is not followed', async () => {
    https.set('mta-sts.local.test', { status: 301, headers: { location: 'https://elsewhere.local.test/' } });
    try {
      const r = await check('local.test', '--json', ...onlyGroups('mta-sts'));
      const res = only(r);
      assert.deepEqual(ids(res), ['mta-sts.fetch-failed']);
      assert.equal(res.findings[0].data.problem, 'redirect');
    } finally {
      https.set('mta-sts.local.test', { body: POLICY('mx.local.test') });
    }
  });

  it('MTA-STS: an oversized policy and a server that never answers end in findings, in time', async () => {
    const cases: [Parameters<HttpsServer['set']>[1], string][] = [
      [{ body: `version: STSv1\r\nmode: enforce\r\n${'mx: x.local.test\r\n'.repeat(5000)}` }, 'size'],
      [{ hang: true }, 'timeout'],
      [{ body: POLICY('mx.local.test'), contentType: 'text/html' }, 'content-type'],
    ];
    try {
      for (const [route, want] of cases) {
        https.set('mta-sts.local.test', route);
        const r = await runCli([
          'check',
          'local.test',
          '--json',
          ...onlyGroups('mta-sts'),
          ...base(),
          '--timeout',
          '1',
        ]);
        const res = only(r);
        if (want === 'content-type') assert.ok(ids(res).includes('mta-sts.content-type'), ids(res).join(' '));
        else
          assert.equal(
            res.findings.find((f: { id: string }) => f.id === 'mta-sts.fetch-failed')?.data.problem,
            want,
            JSON.stringify(res.findings),
          );
      }
    } finally {
      https.set('mta-sts.local.test', { body: POLICY('mx.local.test') });
    }
  });

  it('Nagios: one status line with perfdata, exit code by the worst finding', async () => {
    const r = await check(
      'local.test',
      '--skip',
      'blocklist',
      '--format',
      'nagios',
      '--warning',
      'time=5,days=1',
      '--critical',
      'time=9,days=1',
    );
    const first = r.stdout.split('\n')[0]!;
    assert.ok(first, r.stderr);
    assert.match(first, /^MAILFLOW (OK|WARNING) - local\.test: .* \| /);
    assert.match(first, /'smtp_connect_mx\.local\.test_127\.0\.0\.1'=[0-9.]+s;5;9/);
    assert.match(first, /'smtp_greeting_mx\.local\.test_127\.0\.0\.1'=[0-9.]+s;5;9/);
    assert.match(first, /'exchangers_reachable'=1/);
    assert.match(first, /'tls_cert_expiry_mx\.local\.test'=\d+/);
    // The exit code is the one the status word promises (Nagios plugin convention).
    assert.equal(r.code, first.startsWith('MAILFLOW OK') ? 0 : 1);
  });

  it('Prometheus: the same figures as text exposition', async () => {
    const r = await check('local.test', '--format', 'prometheus');
    assert.ok(r.stdout, r.stderr);
    assert.match(r.stdout, /^# HELP mailflow_status /m);
    assert.match(r.stdout, /^mailflow_status\{command="check",target="local\.test"\} [0-3]$/m);
    assert.match(
      r.stdout,
      /^mailflow_smtp_connect_seconds\{command="check",target="local\.test",exchanger="mx\.local\.test",address="127\.0\.0\.1"\} [0-9.]+$/m,
    );
    assert.match(r.stdout, /^mailflow_exchangers_reachable\{command="check",target="local\.test"\} 1$/m);
    assert.match(r.stdout, /^mailflow_exchangers_published\{command="check",target="local\.test"\} 1$/m);
    // What node_exporter's textfile collector would be handed: promtool must accept it as is.
    assertPromtoolAccepts(r.stdout);
    assert.match(r.stdout, /^mailflow_tls_cert_expiry_seconds\{.*exchanger="mx\.local\.test"\} \d+$/m);
    assert.match(
      r.stdout,
      /^mailflow_finding\{command="check",target="local\.test",id="spf\.ok",severity="ok"\} 0$/m,
    );
  });

  it('--relay-test against Postfix: relaying is closed', async () => {
    const r = await check('local.test', '--json', '--relay-test', ...onlyGroups('relay'));
    const res = only(r);
    assert.ok(ids(res).includes('relay.closed'), `${ids(res).join(' ')} ${postfix.logs().slice(-2000)}`);
    assert.equal(r.code, 0);
  });

  it('sender records: SPF over the lookup limit, DMARC p=none', async () => {
    const r = await check('weak.local.test', '--json', ...onlyGroups('spf', 'dmarc'));
    const res = only(r);
    assert.ok(ids(res).includes('spf.too-many-lookups'), ids(res).join(' '));
    assert.ok(ids(res).includes('dmarc.policy-none'));
    assert.equal(r.code, 2);
  });

  it('--file: one JSON line per domain in input order, exit code the worst', async () => {
    const list = join(dir, 'domains.txt');
    writeFileSync(list, '# test list\nweak.local.test\nlocal.test\nnosuch.local.test\n');
    const r = await check('--file', list, '--concurrency', '3', '--json', ...onlyGroups('spf', 'dmarc'));
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => l.target),
      ['weak.local.test', 'local.test', 'nosuch.local.test'],
    );
    assert.equal(r.code, 2);
  });

  describe('scripted exchangers', () => {
    const fakeRun = async (port: number, extra: string[] = []) => {
      const target = ['--dns', nsd.server, '--port', String(port), '--timeout', '1'];
      const r = await runCli([
        'check',
        'fake.local.test',
        '--json',
        ...onlyGroups('smtp'),
        ...target,
        ...extra,
      ]);
      return { r, res: only(r) };
    };

    /** A scripted exchanger must produce finding `id`, and the check exit 2. */
    async function expectFinding(script: Script, id: string) {
      const fake = await startFakeSmtp(script);
      try {
        const { r, res } = await fakeRun(fake.port);
        assert.ok(ids(res).includes(id), ids(res).join(' '));
        assert.equal(r.code, 2);
      } finally {
        await fake.close();
      }
    }

    it('554 greeting', () => expectFinding(faults.rejectGreeting(), 'probe.rejected'));
    it('tarpit: connected, no greeting', () => expectFinding(faults.noGreeting(), 'probe.banner-timeout'));
    it("Exchange 2000 with its X- verbs missing (the book's Example 2)", () =>
      expectFinding(replay({ ehlo: EXAMPLE_2 }), 'ehlo.missing-verbs'));

    it('open relay, only with --relay-test', async () => {
      // Accepts any outside recipient, but not one at a domain that cannot exist: a real relay.
      const openRelay: Script = async (c) => {
        c.send('220 mx.fake.local.test ESMTP');
        for (let n = 0; n < 30; n++) {
          const line = await c.readLine();
          if (line === null) return;
          const verb = line.split(/[ :]/)[0]!.toUpperCase();
          if (verb === 'EHLO') c.send(...multiline(250, ['mx.fake.local.test', 'PIPELINING', '8BITMIME']));
          else if (verb === 'RCPT')
            c.send(line.includes('.invalid') ? '550 5.1.2 Bad domain' : '250 2.1.5 Ok');
          else if (verb === 'QUIT') {
            c.send('221 Bye');
            c.end();
            return;
          } else c.send('250 2.0.0 Ok');
        }
      };
      const fake = await startFakeSmtp(openRelay);
      try {
        const without = await fakeRun(fake.port);
        assert.ok(!ids(without.res).some((id: string) => id.startsWith('relay.')));
        const { r, res } = await fakeRun(fake.port, ['--relay-test', '--only', 'relay']);
        assert.ok(ids(res).includes('relay.open'), ids(res).join(' '));
        assert.equal(r.code, 2);
      } finally {
        await fake.close();
      }
    });

    it('refused', async () => {
      const port = await freePort();
      const { r, res } = await fakeRun(port);
      assert.ok(ids(res).includes('probe.refused'), ids(res).join(' '));
      assert.equal(r.code, 2);
    });
  });
});
