// Domains end to end: a real NSD on loopback serves the MX records, scripted SMTP servers
// answer (or not) on loopback addresses, the CLI does the rest.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import { EXAMPLE_2, type FakeServer, replay, startFakeSmtp } from '../helpers/fake-smtp.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';

const skip = skipNsd();
let nsd: NsdInstance | undefined;
let smtp: FakeServer | undefined;

// 127.0.0.2 is loopback too, but nothing listens there: mx2 refuses.
const ZONE = zoneText(
  'probe.test',
  `@        MX   10 mx1
@        MX   20 mx2
mx1      A    127.0.0.1
mx2      A    127.0.0.2
dead     MX   10 gone.dead
gone.dead A   127.0.0.3
host     A    127.0.0.1
none     MX   0 .
`,
);

before(async () => {
  if (skip) return;
  nsd = await startNsd([{ name: 'probe.test', text: ZONE }]);
  smtp = await startFakeSmtp(replay({ ehlo: EXAMPLE_2 }));
});
after(async () => {
  await smtp?.close();
  await nsd?.stop();
});

const opts = { skip, timeout: 60_000 };
const cli = (args: string[]) =>
  runCli([...args, '--dns', nsd!.server, '--port', String(smtp!.port), '--json', '--timeout', '2'], {
    timeoutMs: 30_000,
  });

test('probe a domain: one exchanger answers, one refuses → warn and probe.partial', opts, async () => {
  const res = await cli(['probe', 'probe.test']);
  assert.equal(res.code, 1, `${res.stderr}\n${res.stdout}`);
  assert.ok(res.stdout.trim(), `no output; stderr: ${res.stderr}`);
  const [r] = jsonLines(res.stdout);
  assert.equal(r.data.kind, 'domain');
  const sev = Object.fromEntries(r.findings.map((f: { id: string; severity: string }) => [f.id, f.severity]));
  assert.deepEqual(sev, { 'probe.open': 'ok', 'probe.refused': 'warn', 'probe.partial': 'warn' });
  assert.deepEqual(
    r.data.servers.map((s: { host: string }) => s.host),
    ['mx1.probe.test', 'mx2.probe.test'],
  );
});

test('probe a domain whose only exchanger refuses → fail', opts, async () => {
  const res = await cli(['probe', 'dead.probe.test']);
  assert.equal(res.code, 2, res.stderr);
  const [r] = jsonLines(res.stdout);
  assert.equal(r.findings[0].id, 'probe.refused');
  assert.equal(r.findings[0].severity, 'fail');
});

test('probe a host name without MX probes the host itself', opts, async () => {
  const res = await cli(['probe', 'host.probe.test']);
  assert.equal(res.code, 0, res.stderr);
  const [r] = jsonLines(res.stdout);
  assert.equal(r.data.kind, 'host');
  assert.equal(r.findings[0].id, 'probe.open');
});

test('probe names that lead nowhere: NXDOMAIN and null MX', opts, async () => {
  const res = await cli(['probe', 'nothing-here.probe.test', 'none.probe.test']);
  assert.equal(res.code, 2, res.stderr);
  const [a, b] = jsonLines(res.stdout);
  assert.equal(a.findings[0].id, 'probe.unresolved');
  assert.equal(b.findings[0].id, 'probe.unresolved');
  assert.match(b.findings[0].detail, /null MX/);
});

test('ehlo a domain: one result per exchanger, in preference order', opts, async () => {
  const res = await cli(['ehlo', 'probe.test', '--helo-name', 'client.example.net']);
  const rs = jsonLines(res.stdout);
  assert.deepEqual(
    rs.map((r) => r.target),
    ['probe.test (mx1.probe.test)', 'probe.test (mx2.probe.test)'],
  );
  assert.deepEqual(rs[0].data.missing, ['X-EXPS GSSAPI', 'X-LINK2STATE', 'XEXCH50']);
  assert.equal(rs[1].findings[0].id, 'probe.refused');
  assert.equal(res.code, 2);
});
