// probe against scripted servers on loopback: the book's telnet test and the faults.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { probeTarget } from '../../src/checks/probe/index.js';
import { planPorts } from '../../src/checks/probe/ports.js';
import type { MxLookup, Resolver } from '../../src/dns/types.js';
import { timeoutsFromSeconds } from '../../src/smtp/session.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { faults, replay, type Script, scriptedServers, startFakeSmtp } from '../helpers/fake-smtp.js';

const servers = scriptedServers();
const start = (s: Script) => servers.start(s);
after(servers.closeAll);

/** A resolver that knows one domain (an in-process stand-in; DNS itself is tested elsewhere). */
function fakeResolver(domain: string, exchangers: { host: string; addresses: string[] }[]): Resolver {
  const mx = {
    domain,
    server: 'fake',
    outcome: 'ok',
    exchangers: exchangers.map((e, i) => ({
      preference: 10 * (i + 1),
      source: 'lookup',
      cname: null,
      ipLiteral: false,
      outcome: 'ok',
      ...e,
    })),
    implicit: false,
    nullMx: false,
    cnameChain: [],
    flags: { aa: false, ad: false, tc: false },
  } as unknown as MxLookup;
  return {
    server: 'fake',
    sent: 0,
    mx: async () => mx,
    ptr: async () => ({ address: '', names: [], outcome: 'nodata', confirmed: false }),
  } as unknown as Resolver;
}

const opts = (port: number, seconds = 1.5) => ({
  ports: planPorts(undefined, port),
  timeouts: timeoutsFromSeconds(seconds),
});

test('an open server: probe.open with connect and greeting times', async () => {
  const srv = await start(replay());
  const r = await probeTarget(fakeResolver('x', []), '127.0.0.1', opts(srv.port));
  assert.deepEqual(
    r.findings.map((f) => f.id),
    ['probe.open'],
  );
  const rec = r.data.results[0]!;
  assert.equal(rec.outcome, 'open');
  assert.match(rec.greeting![0]!, /^220 mail1\.example\.com Microsoft ESMTP MAIL Service/);
  assert.ok(r.metrics.some((m) => m.name === 'probe_connect'));
  assert.ok(r.metrics.some((m) => m.name === 'probe_greeting'));
  assert.equal(r.metrics.find((m) => m.name === 'probe_reachable')?.value, 1);
});

const faultCases: [string, Script, string][] = [
  ['no greeting', faults.noGreeting(), 'probe.banner-timeout'],
  ['one byte a second', faults.slowGreeting(1000), 'probe.banner-timeout'],
  ['a reply that never ends', faults.endlessReply(1), 'probe.bad-greeting'],
  ['a 1 MB line', faults.hugeLine(), 'probe.bad-greeting'],
  ['a reset mid-reply', faults.resetMidReply(), 'probe.closed'],
  ['a 554 greeting', faults.rejectGreeting(), 'probe.rejected'],
  ['mismatched codes', faults.mismatchedCodes(), 'probe.bad-greeting'],
  [
    'replies before any command (220, then 50 x "250 ok")',
    async (c) => {
      c.send('220 stale.example.test ESMTP', ...Array.from({ length: 50 }, () => '250 ok'));
      for (let i = 0; i < 5 && (await c.readLine()) !== null; i++) c.send('250 ok');
    },
    'probe.bad-greeting',
  ],
];
for (const [name, script, id] of faultCases) {
  test(`fault: ${name} → ${id}`, async () => {
    const srv = await start(script);
    const r = await probeTarget(fakeResolver('x', []), '127.0.0.1', opts(srv.port, 1));
    assert.deepEqual(
      r.findings.map((f) => f.id),
      [id],
    );
    assert.equal(r.findings[0]!.severity, 'fail');
  });
}

test('a domain with one answering and one refusing exchanger: warn + probe.partial', async () => {
  const srv = await start(replay());
  // 127.0.0.2 is loopback too, but nothing listens there on this port.
  const resolver = fakeResolver('example.test', [
    { host: 'mx1.example.test', addresses: ['127.0.0.1'] },
    { host: 'mx2.example.test', addresses: ['127.0.0.2'] },
  ]);
  const r = await probeTarget(resolver, 'example.test', opts(srv.port));
  const sev = Object.fromEntries(r.findings.map((f) => [f.id, f.severity]));
  assert.deepEqual(sev, { 'probe.open': 'ok', 'probe.refused': 'warn', 'probe.partial': 'warn' });
  assert.equal(r.data.kind, 'domain');
  assert.equal(r.data.serversReachable, 1);
});

test('many silent addresses are probed at once, not one after another', async (t) => {
  let open = 0;
  let peak = 0;
  const silent = (sock: Socket) => {
    open++;
    peak = Math.max(peak, open);
    sock.on('error', () => {});
    sock.on('close', () => open--);
  };
  const srv = await start((c) => silent(c.socket));
  // Six distinct loopback addresses on the same port (127.0.0.2-6: silent listeners of their own).
  const extra = await Promise.all(
    [2, 3, 4, 5, 6].map(
      (n) =>
        new Promise<Server>((ok) => {
          const s = createServer(silent);
          s.listen(srv.port, `127.0.0.${n}`, () => ok(s));
        }),
    ),
  );
  t.after(() => {
    for (const s of extra) s.close();
  });
  const exchangers = Array.from({ length: 6 }, (_, i) => ({
    host: `mx${i}.example.test`,
    addresses: [`127.0.0.${i + 1}`],
  }));
  const started = Date.now();
  const r = await probeTarget(fakeResolver('example.test', exchangers), 'example.test', opts(srv.port, 1));
  const elapsed = Date.now() - started;
  for (const s of extra) s.close();
  assert.equal(r.findings.filter((f) => f.id === 'probe.banner-timeout').length, 6);
  assert.equal(peak, 6, 'all six connections were open at the same time');
  t.diagnostic(`6 silent addresses with a 1 s greeting timeout took ${elapsed} ms`);
});

test('exchangers sharing one address: one connection, a record and a finding for each', async () => {
  const srv = await startFakeSmtp(replay());
  try {
    const exchangers = Array.from({ length: 6 }, (_, i) => ({
      host: `mx${i}.example.test`,
      addresses: ['127.0.0.1'],
    }));
    const r = await probeTarget(fakeResolver('example.test', exchangers), 'example.test', opts(srv.port, 1));
    assert.equal(srv.connections, 1);
    assert.deepEqual(
      r.data.results.map((x) => `${x.host} ${x.outcome}`),
      exchangers.map((e) => `${e.host} open`),
    );
  } finally {
    await srv.close();
  }
});

test('CLI: probe --json for an open and a closed address, exit code 2, input order kept', async () => {
  const srv = await start(replay());
  const closed = await startFakeSmtp(replay());
  const closedPort = closed.port;
  await closed.close();
  const res = await runCli(
    ['probe', `127.0.0.1:${srv.port}`, `127.0.0.1:${closedPort}`, '--json', '--timeout', '2'],
    {
      timeoutMs: 20_000,
    },
  );
  assert.equal(res.code, 2, res.stderr);
  const [a, b] = jsonLines(res.stdout);
  assert.equal(a.target, `127.0.0.1:${srv.port}`);
  assert.equal(a.findings[0].id, 'probe.open');
  assert.equal(b.findings[0].id, 'probe.refused');
  assert.equal(b.data.results[0].outcome, 'refused');
});

test('CLI: --transcript shows the conversation; bad --ports is a usage error', async () => {
  const srv = await start(replay());
  const res = await runCli(['probe', `127.0.0.1:${srv.port}`, '--transcript', '--timeout', '2'], {
    timeoutMs: 20_000,
  });
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /C: QUIT/);
  assert.match(res.stdout, /S: 221/);
  const bad = await runCli(['probe', '127.0.0.1', '--ports', 'bogus'], { timeoutMs: 20_000 });
  assert.equal(bad.code, 3);
  assert.match(bad.stderr, /--ports/);
});

test('--concurrency bounds the connections of the whole run, not of each target', async () => {
  // Greets after a short pause, so connections overlap unless the limit holds them back.
  let open = 0;
  let most = 0;
  // A connection counts as open until its QUIT arrives: the client moves on only after the 221,
  // so the count does not depend on when the server notices a close.
  const slow: Script = async (c) => {
    open++;
    most = Math.max(most, open);
    await new Promise((r) => setTimeout(r, 150));
    if (!c.socket.destroyed) c.send('220 mx.example.test ESMTP');
    await c.readLine();
    open--;
    c.send('221 bye');
    c.end();
  };
  const targets: string[] = [];
  for (let i = 0; i < 4; i++) targets.push(`127.0.0.1:${(await start(slow)).port}`);
  const r = await runCli(['probe', ...targets, '--concurrency', '1', '--timeout', '5', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(jsonLines(r.stdout).length, 4);
  assert.equal(most, 1);
});

test('a target DNS cannot carry is a one-line usage error before any lookup (exit 3)', async () => {
  for (const cmd of ['probe', 'ehlo', 'relay']) {
    const r = await runCli([cmd, 'bad..name', '--timeout', '1']);
    assert.equal(r.code, 3, `${cmd}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /"bad\.\.name" is not a host name/);
  }
});

test('a bad last target stops the run before the first one is contacted', async () => {
  const srv = await start(replay());
  for (const cmd of ['probe', 'ehlo']) {
    const r = await runCli([cmd, `127.0.0.1:${srv.port}`, 'nobody@', '--timeout', '1']);
    assert.equal(r.code, 3, `${cmd}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /names no host/);
  }
  assert.equal(srv.connections, 0);
});
