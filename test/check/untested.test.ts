// No false OK: a group that could test nothing is UNKNOWN with the reason; a domain that does
// not exist stops after the MX question; the verdict has a stable id; --deadline reports what it
// has. Real NSD for the zones, scripted servers for the tarpit and the accept-all exchanger.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { faults, type Script, startFakeSmtp } from '../helpers/fake-smtp.js';
import { freeDnsPort, type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';
import { freePort } from '../helpers/postfix.js';

const ZONE = zoneText(
  'flow.test',
  `@            MX    10 mx
mx           A     127.0.0.1
nomail       MX    0 .
v4only       MX    10 mx
`,
);

const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);
function one(r: CliRun): any {
  const lines = jsonLines(r.stdout);
  assert.equal(lines.length, 1, `expected one JSON line, exit ${r.code}, stderr: ${r.stderr}`);
  return lines[0];
}

/** Greets, answers EHLO without STARTTLS, then 250 to everything. */
const plain: Script = async (c) => {
  c.send('220 mx.flow.test ESMTP');
  for (let n = 0; n < 30; n++) {
    const line = await c.readLine();
    if (line === null) return;
    if (/^EHLO/i.test(line)) c.send('250-mx.flow.test', '250 PIPELINING');
    else if (/^QUIT/i.test(line)) return c.end();
    else c.send('250 2.0.0 Ok');
  }
};

describe('check: nothing untested passes as OK', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  before(async () => {
    nsd = await startNsd([{ name: 'flow.test', text: ZONE }]);
  });
  after(async () => {
    await nsd?.stop();
  });
  const check = (port: number, ...args: string[]) =>
    runCli(['check', ...args, '--dns', nsd.server, '--port', String(port), '--timeout', '1']);

  it('--only tls against a tarpit: UNKNOWN with the reason, never "0 checks passed"', {
    timeout: 60_000,
  }, async () => {
    const tarpit = await startFakeSmtp(faults.noGreeting());
    try {
      const r = await check(tarpit.port, 'flow.test', '--only', 'tls', '--format', 'nagios');
      assert.equal(r.code, 3, r.stdout + r.stderr);
      assert.match(r.stdout, /^MAILFLOW UNKNOWN - /);
      assert.match(r.stdout, /TLS not tested/);
      assert.doesNotMatch(r.stdout, /checks passed/);
    } finally {
      await tarpit.close();
    }
  });

  it('the full check of an unreachable exchanger: tls is UNKNOWN ("no exchanger reachable"), not OK', async () => {
    const port = await freePort();
    // (DMARC's tree walk would ask NSD about "test.", which it does not serve: left out here.)
    const r = await check(
      port,
      'flow.test',
      '--json',
      '--skip',
      'mta-sts',
      '--skip',
      'dane',
      '--skip',
      'dmarc',
      // NSD here serves no blocklist zones (their errors would be UNKNOWN); see test/blocklist/check.test.ts.
      '--skip',
      'blocklist',
    );
    const res = one(r);
    const tls = res.findings.filter((f: { group: string }) => f.group === 'tls');
    assert.deepEqual(
      tls.map((f: { id: string; severity: string }) => `${f.id}:${f.severity}`),
      ['check.not-tested:info'],
    );
    assert.match(tls[0].title, /No exchanger reachable, TLS not tested/);
    // The proven failure (smtp: refused) decides the status; the untested group does not mask it.
    assert.equal(r.code, 2);
    // 0 of 1 reachable is a total failure, said as such; the verdict has a stable id.
    assert.equal(res.data.verdict.id, 'check.verdict.cannot-receive');
    assert.match(res.data.verdict.text, /flow\.test cannot receive mail: no exchanger accepts connections/);
    const human = await check(port, 'flow.test', '--skip', 'mta-sts', '--skip', 'dane');
    assert.doesNotMatch(human.stdout, /tls\s*│\s*OK/);
    assert.match(human.stdout, /tls\s*│\s*NOT TESTED/);
  });

  it('--only tls keeps the certificate metrics; a reachable server without STARTTLS is judged', async () => {
    const srv = await startFakeSmtp(plain);
    try {
      const res = one(await check(srv.port, 'flow.test', '--only', 'tls', '--json'));
      assert.ok(ids(res).includes('tls.not-offered'), ids(res).join(' '));
      assert.equal(res.data.verdict.id, 'check.verdict.groups-warnings');
    } finally {
      await srv.close();
    }
  });

  it('a domain that does not exist: NXDOMAIN and stop (no spf.none, no MTA-STS)', async () => {
    const port = await freePort();
    for (const extra of [[], ['--only', 'tls'], ['--only', 'spf']]) {
      const r = await check(port, 'nosuch.flow.test', '--json', ...extra);
      const res = one(r);
      assert.deepEqual(ids(res), ['mx.nxdomain'], `${extra.join(' ')}: ${ids(res).join(' ')}`);
      assert.equal(res.data.verdict.id, 'check.verdict.nxdomain');
      assert.equal(r.code, 2);
    }
    const human = await check(port, 'nosuch.flow.test');
    assert.match(human.stdout, /does not exist \(NXDOMAIN\)/);
    assert.match(human.stdout, /NOT RUN/);
  });

  it('--only before the domain takes one group, and --file - reads the domains from standard input', async () => {
    const port = await freePort();
    const dns = ['--dns', nsd.server, '--port', String(port), '--timeout', '1', '--json'];
    // An array option swallowed the domain: "name at least one domain".
    const before = await runCli(['check', '--only', 'spf', 'nosuch.flow.test', ...dns]);
    assert.deepEqual(ids(one(before)), ['mx.nxdomain'], before.stderr);
    const piped = await runCli(['check', '--file', '-', '--only', 'spf', ...dns], {
      input: 'nosuch.flow.test\n',
    });
    assert.equal(one(piped).target, 'nosuch.flow.test', piped.stderr);
    const twice = await runCli(['check', '--only', 'spf', '--only', 'dmarc', 'flow.test', ...dns]);
    assert.deepEqual(one(twice).data.groups, ['spf', 'dmarc'], twice.stdout);
  });

  it('MAILFLOW_DQS_KEY is read only when the blocklist group runs', async () => {
    const port = await freePort();
    const dns = ['--dns', nsd.server, '--port', String(port), '--timeout', '1', '--json'];
    const env = { MAILFLOW_DQS_KEY: 'bad-key!' };
    const spf = await runCli(['check', '--only', 'spf', 'nosuch.flow.test', ...dns], { env });
    assert.deepEqual(ids(one(spf)), ['mx.nxdomain'], spf.stderr);
    const bl = await runCli(['check', '--only', 'blocklist', 'nosuch.flow.test', ...dns], { env });
    assert.equal(bl.code, 3);
    assert.match(bl.stderr, /DQS key \(--dqs-key, or MAILFLOW_DQS_KEY\) must be letters and digits/);
    assert.ok(!bl.stderr.includes('bad-key!'), 'the key is never echoed');
  });

  it('a dead DNS server: UNKNOWN, never OK', { timeout: 60_000 }, async () => {
    const dead = `127.0.0.1:${await freeDnsPort()}`;
    const r = await runCli([
      'check',
      'flow.test',
      '--only',
      'tls',
      '--dns',
      dead,
      '--timeout',
      '1',
      '--format',
      'nagios',
    ]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /^MAILFLOW UNKNOWN - /);
    assert.match(r.stdout, /MX lookup failed/);
  });

  it('-6 where the exchangers have only IPv4: says none has an IPv6 address and that -6 was given', async () => {
    const port = await freePort();
    const res = one(await check(port, 'v4only.flow.test', '--json', '-6', '--only', 'mx', '--only', 'smtp'));
    const f = res.findings.find((x: { id: string }) => x.id === 'mx.unresolvable');
    assert.ok(f, ids(res).join(' '));
    assert.match(f.title, /No exchanger has an IPv6 address \(-6 was given/);
    assert.doesNotMatch(f.title, /IPv4 or IPv6/);
  });

  it('a null MX: the verdict says it accepts no mail by design', async () => {
    const port = await freePort();
    const res = one(await check(port, 'nomail.flow.test', '--json', '--only', 'mx', '--only', 'smtp'));
    assert.equal(res.data.verdict.id, 'check.verdict.null-mx');
  });

  it('--deadline during EHLO keeps what the probe found, and says the rest did not finish', {
    timeout: 60_000,
  }, async () => {
    // Greets at once (the probe is done), then never answers EHLO.
    const mute = await startFakeSmtp(async (c) => {
      c.send('220 mx.flow.test ESMTP');
      for (let n = 0; n < 5; n++) {
        const line = await c.readLine();
        if (line === null || /^EHLO/i.test(line)) return;
        if (/^QUIT/i.test(line)) {
          c.send('221 bye');
          return c.end();
        }
      }
    });
    try {
      const res = one(
        await runCli([
          'check',
          'flow.test',
          '--json',
          ...['--dns', nsd.server, '--port', String(mute.port)],
          ...['--timeout', '20', '--deadline', '2', '--only', 'smtp'],
        ]),
      );
      assert.deepEqual(ids(res).sort(), ['check.deadline', 'probe.open']);
    } finally {
      await mute.close();
    }
  });

  it('--deadline: a check stuck on a tarpit reports what it has, unfinished groups UNKNOWN', {
    timeout: 60_000,
  }, async () => {
    const tarpit = await startFakeSmtp(faults.noGreeting());
    try {
      const r = await runCli([
        'check',
        'flow.test',
        '--json',
        ...['--dns', nsd.server, '--port', String(tarpit.port)],
        ...['--timeout', '20', '--deadline', '1', '--only', 'mx', '--only', 'smtp'],
      ]);
      const res = one(r);
      assert.ok(ids(res).includes('mx.ok'), ids(res).join(' '));
      const stuck = res.findings.find((f: { group: string }) => f.group === 'smtp');
      assert.equal(stuck.id, 'check.deadline');
      assert.equal(stuck.severity, 'unknown');
      assert.equal(r.code, 3);
    } finally {
      await tarpit.close();
    }
  });
});
