// ehlo against scripted servers replaying the book's transcripts, and the faults.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type EhloOptions, ehloCheck } from '../../src/checks/ehlo/index.js';
import { MAX_ADDRESSES_PER_HOST } from '../../src/smtp/options.js';
import { timeoutsFromSeconds } from '../../src/smtp/session.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import {
  EXAMPLE_1,
  EXAMPLE_2,
  EXAMPLE_7,
  type FakeServer,
  faults,
  replay,
  type Script,
  scriptedServers,
} from '../helpers/fake-smtp.js';
import { freePort } from '../helpers/postfix.js';
import { makeTlsFixture, type TlsFixture } from '../smtp/tls-fixture.js';

const servers = scriptedServers();
const start = (s: Script) => servers.start(s);
let fx: TlsFixture;
before(() => {
  fx = makeTlsFixture(['mx.example.test']);
});
after(async () => {
  await servers.closeAll();
  fx?.cleanup();
});

const base = (port: number, extra: Partial<EhloOptions> = {}): EhloOptions => ({
  port,
  timeouts: timeoutsFromSeconds(1.5),
  heloName: 'client.example.net',
  ...extra,
});
const check = (srv: FakeServer, extra: Partial<EhloOptions> = {}) =>
  ehloCheck({ host: '127.0.0.1', addresses: ['127.0.0.1'] }, base(srv.port, extra));
const ids = (fs: { id: string; severity: string }[]) => Object.fromEntries(fs.map((f) => [f.id, f.severity]));

test('Example 1 (sinks loaded): exchange2000 detected from the greeting, nothing missing', async () => {
  const r = await check(await start(replay({ ehlo: EXAMPLE_1 })));
  assert.deepEqual(ids(r.findings), { 'ehlo.profile': 'info', 'ehlo.ok': 'ok', 'ehlo.no-starttls': 'warn' });
  assert.equal(r.data.profile, 'exchange2000');
  assert.match(r.data.profileReason, /Version: 5\.0\.2195/);
  assert.deepEqual(r.data.missing, []);
  assert.ok(r.data.extensions.includes('X-EXPS GSSAPI NTLM'));
  assert.ok(!r.data.extensions.includes('OK'), 'the closing "250 OK" is not an extension');
  assert.equal(r.data.capabilities?.size, 5242880);
});

test('lines against their extension syntax (SIZE -5, STARTTLS with a parameter): ehlo.malformed-extension, no size', async () => {
  const lines = ['mx.example.test', 'SIZE -5', 'STARTTLS extra', 'AUTH PLAIN LOGIN', '8BITMIME'];
  const r = await check(await start(replay({ ehlo: lines })));
  const f = r.findings.find((x) => x.id === 'ehlo.malformed-extension')!;
  assert.equal(f.severity, 'warn');
  assert.match(f.title, /2 extensions against its syntax: "SIZE -5", "STARTTLS extra"$/);
  assert.match(f.detail, /SIZE takes one number of bytes/);
  assert.equal(r.data.capabilities?.size, undefined, '"SIZE -5" is no limit of -5 bytes');
  const ok = await check(
    await start(replay({ ehlo: ['mx.example.test', 'SIZE 10240000', 'SIZE', 'AUTH PLAIN'] })),
  );
  assert.ok(!ok.findings.some((x) => x.id === 'ehlo.malformed-extension'));
});

test('Example 2 (sinks not loaded): ehlo.missing-verbs lists every X verb, with the book remedies', async () => {
  const r = await check(await start(replay({ ehlo: EXAMPLE_2 })));
  const f = r.findings.find((x) => x.id === 'ehlo.missing-verbs')!;
  assert.equal(f.severity, 'fail');
  assert.deepEqual(r.data.missing, ['X-EXPS GSSAPI', 'X-LINK2STATE', 'XEXCH50']);
  assert.deepEqual((f.data as { missing: string[] }).missing, r.data.missing);
  // Each verb quoted on its own: "X-EXPS GSSAPI" is one verb with its parameter.
  assert.match(f.title, /does not advertise 3 expected verbs: "X-EXPS GSSAPI", "X-LINK2STATE", "XEXCH50"$/);
  assert.match(f.detail, /event sinks|metabase/);
  assert.match(f.fix, /service pack/);
  assert.match(f.fix, /Smtpreinstall/);
  assert.match(f.ref, /Book ch\. 5/);
});

test('Example 7 (no Basic auth, so no X-EXPS=LOGIN): still ok, the absence is explained', async () => {
  const r = await check(await start(replay({ ehlo: EXAMPLE_7 })));
  const ok = r.findings.find((x) => x.id === 'ehlo.ok')!;
  assert.ok(ok);
  assert.match(ok.detail, /X-EXPS=LOGIN/);
  assert.deepEqual(r.data.missing, []);
});

test('--profile overrides detection; --expect adds verbs', async () => {
  const srv = await start(replay({ greeting: '220 mx.example.test ESMTP ready', ehlo: EXAMPLE_2 }));
  const generic = await check(srv, { expect: ['SMTPUTF8', 'AUTH NTLM'] });
  assert.equal(generic.data.profile, 'generic');
  assert.deepEqual(generic.data.missing, ['SMTPUTF8']);
  const forced = await check(srv, { profile: 'exchange' });
  assert.equal(forced.data.profile, 'exchange');
  assert.deepEqual(forced.data.missing, ['X-ANONYMOUSTLS', 'X-EXPS GSSAPI']);
  assert.match(forced.findings.find((f) => f.id === 'ehlo.profile')!.detail, /--profile/);
});

test('a customised banner: X-LINK2STATE in the EHLO reply still means exchange2000', async () => {
  const r = await check(
    await start(replay({ greeting: '220 mx.example.test ESMTP ready', ehlo: EXAMPLE_1 })),
  );
  assert.equal(r.data.profile, 'exchange2000');
  assert.match(r.data.profileReason, /X-LINK2STATE/);
});

test('modern Exchange banner picks the exchange profile', async () => {
  const ehlo = [
    'mx.contoso.test Hello [127.0.0.1]',
    'SIZE 37748736',
    'PIPELINING',
    'DSN',
    'ENHANCEDSTATUSCODES',
    'X-ANONYMOUSTLS',
    'AUTH NTLM',
    'X-EXPS GSSAPI NTLM',
    '8BITMIME',
    'BINARYMIME',
    'CHUNKING',
    'SMTPUTF8',
    'XRDST',
  ];
  const srv = await start(
    replay({
      greeting: '220 mx.contoso.test Microsoft ESMTP MAIL Service ready at Sat, 28 Nov 2026 06:00:00 +0000',
      ehlo,
    }),
  );
  const r = await check(srv);
  assert.equal(r.data.profile, 'exchange');
  assert.deepEqual(r.data.missing, []);
});

test('HELO-only server: ehlo.helo-only', async () => {
  const r = await check(await start(replay({ heloOnly: true })));
  assert.equal(ids(r.findings)['ehlo.helo-only'], 'warn');
  assert.equal(r.data.heloOnly, true);
});

test('STARTTLS: both lists, TLS version, cipher and a verified certificate', async () => {
  const srv = await start(
    replay({
      greeting: '220 mx.example.test ESMTP Postfix',
      ehlo: ['mx.example.test', 'PIPELINING', '8BITMIME', 'ENHANCEDSTATUSCODES', 'OK'],
      tls: { cert: fx.cert, key: fx.key },
      ehloAfterTls: [
        'mx.example.test',
        'PIPELINING',
        '8BITMIME',
        'ENHANCEDSTATUSCODES',
        'AUTH PLAIN LOGIN',
        'OK',
      ],
    }),
  );
  const r = await ehloCheck(
    { host: 'mx.example.test', addresses: ['127.0.0.1'] },
    base(srv.port, { starttls: true, tls: { ca: fx.ca } }),
  );
  assert.equal(r.data.profile, 'postfix');
  assert.ok(r.data.extensions.includes('STARTTLS'));
  assert.ok(r.data.extensionsAfterTls?.includes('AUTH PLAIN LOGIN'));
  assert.match(r.data.tls!.protocol, /^TLSv1\.[23]$/);
  assert.equal(r.data.tls!.chainVerified, true);
  assert.equal(r.data.tls!.validForHost, true);
  const cert = r.findings.find((f) => f.id === 'ehlo.tls-cert')!;
  assert.equal(cert.severity, 'info');
  assert.ok(r.metrics.some((m) => m.name === 'tls_cert_days_left' && m.value >= 28));
});

test('STARTTLS with a certificate for another name and an unknown CA: warned off port 25', async () => {
  const srv = await start(replay({ tls: { cert: fx.cert, key: fx.key } }));
  const r = await ehloCheck(
    { host: 'other.example.org', addresses: ['127.0.0.1'] },
    base(srv.port, { starttls: true }),
  );
  const cert = r.findings.find((f) => f.id === 'ehlo.tls-cert')!;
  assert.equal(cert.severity, 'warn');
  assert.match(cert.title, /not valid for other\.example\.org/);
});

test('a trusted certificate for another name: "not valid for <name>", never "the chain does not verify"', async () => {
  const srv = await start(replay({ tls: { cert: fx.cert, key: fx.key } }));
  const r = await ehloCheck(
    { host: 'other.example.org', addresses: ['127.0.0.1'] },
    base(srv.port, { starttls: true, tls: { ca: fx.ca } }),
  );
  assert.equal(r.data.tls!.chainVerified, true);
  assert.equal(r.data.tls!.chainError, undefined);
  const cert = r.findings.find((f) => f.id === 'ehlo.tls-cert')!;
  assert.match(cert.title, /not valid for other\.example\.org/);
  assert.doesNotMatch(cert.title, /chain|ALTNAME/);
});

test('faults end in the right finding within the timeout', async () => {
  const cases: [Script, string][] = [
    [faults.noGreeting(), 'probe.banner-timeout'],
    [faults.rejectGreeting(), 'probe.rejected'],
    [faults.mismatchedCodes(), 'probe.bad-greeting'],
    [faults.hugeLine(), 'probe.bad-greeting'],
  ];
  for (const [script, id] of cases) {
    const r = await check(await start(script), { timeouts: timeoutsFromSeconds(1) });
    assert.equal(r.findings[0]?.id, id);
    assert.equal(r.findings[0]?.severity, 'fail');
  }
});

test('a silent EHLO reply ends in ehlo.error (reply-timeout)', async () => {
  const srv = await start(async (c) => {
    c.send('220 mx.example.test ESMTP');
    await c.readLine();
    c.write('250-mx.example.test\r\n250-PIPELINING\r\n');
  });
  const r = await check(srv, { timeouts: timeoutsFromSeconds(1) });
  const f = r.findings.find((x) => x.id === 'ehlo.error')!;
  assert.equal(f.severity, 'fail');
  assert.match(f.title, /reply-timeout/);
});

test('CLI: ehlo --json data shape for the book Example 2; exit code 2', async () => {
  const srv = await start(replay({ ehlo: EXAMPLE_2 }));
  const res = await runCli(
    ['ehlo', `127.0.0.1:${srv.port}`, '--json', '--timeout', '2', '--helo-name', 'client.example.net'],
    { timeoutMs: 20_000 },
  );
  assert.equal(res.code, 2, res.stderr);
  const [r] = jsonLines(res.stdout);
  for (const k of ['host', 'address', 'banner', 'extensions', 'profile', 'missing'])
    assert.ok(k in r.data, k);
  assert.equal(r.data.profile, 'exchange2000');
  assert.deepEqual(r.data.missing, ['X-EXPS GSSAPI', 'X-LINK2STATE', 'XEXCH50']);
  assert.equal(r.data.heloName, 'client.example.net');
});

test('CLI: a --helo-name with CR/LF is refused before anything is sent', async () => {
  const srv = await start(replay());
  const res = await runCli(['ehlo', `127.0.0.1:${srv.port}`, '--helo-name', 'a\r\nMAIL FROM:<x@y>'], {
    timeoutMs: 20_000,
  });
  assert.equal(res.code, 3);
  assert.match(res.stderr, /CR, LF or NUL/);
  assert.equal(srv.connections, 0);
});

test('EHLO and HELO both refused: ehlo.refused', async () => {
  const srv = await start(async (c) => {
    c.send('220 mx.example.test ESMTP');
    for (let i = 0; i < 3; i++) {
      const l = await c.readLine();
      if (l === null) return;
      c.send(l.startsWith('QUIT') ? '221 bye' : '550 5.7.1 Go away');
    }
  });
  const r = await check(srv);
  const f = r.findings.find((x) => x.id === 'ehlo.refused')!;
  assert.equal(f.severity, 'fail');
  assert.match(f.detail, /EHLO got 550 and HELO got 550/);
});

test('STARTTLS accepted but no TLS follows: ehlo.tls-error', async () => {
  const srv = await start(async (c) => {
    c.send('220 mx.example.test ESMTP');
    await c.readLine();
    c.send('250-mx.example.test', '250 STARTTLS');
    await c.readLine();
    c.send('220 Ready to start TLS');
    await c.readLine(); // the ClientHello arrives as bytes; answer in clear text
    c.send('500 what is this?');
  });
  const r = await check(srv, { starttls: true, timeouts: timeoutsFromSeconds(1) });
  const f = r.findings.find((x) => x.id === 'ehlo.tls-error')!;
  assert.equal(f.severity, 'fail');
  assert.equal(r.data.tls, null);
  assert.ok(
    r.findings.some((x) => x.id === 'ehlo.ok'),
    'the verbs seen before STARTTLS are still judged',
  );
});

test('a host with many dead addresses: only the first few are tried, each once', async () => {
  const port = await freePort();
  const addresses = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7'];
  const r = await ehloCheck({ host: 'many.example.test', addresses }, base(port));
  assert.deepEqual(
    r.data.attempts.map((a) => a.address),
    addresses.slice(0, MAX_ADDRESSES_PER_HOST),
  );
  assert.ok(r.findings.every((f) => f.severity === 'fail'));
});

test('replies sent before EHLO (220 then 50 x "250 ok"): ehlo.error unsolicited-reply, never ehlo.ok', async () => {
  const srv = await start(async (c) => {
    c.send('220 stale.example.test ESMTP', ...Array.from({ length: 50 }, () => '250 ok'));
    for (let i = 0; i < 5 && (await c.readLine()) !== null; i++) c.send('250 ok');
  });
  const r = await check(srv, { timeouts: timeoutsFromSeconds(2) });
  const f = r.findings.find((x) => x.id === 'ehlo.error');
  assert.equal(f?.severity, 'fail', JSON.stringify(r.findings));
  assert.match(f!.title, /unsolicited-reply/);
  assert.match(f!.detail, /RFC 5321 §4\.3/);
  assert.ok(!r.findings.some((x) => x.id === 'ehlo.ok'));
});
