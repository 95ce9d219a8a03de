// `mailflow relay`: closed on a real Postfix (found by its MX in a real NSD zone, and by address),
// open / accept-all / greylisting on scripted servers. DATA must never be sent.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type NsdInstance, skipNsd, startNsd } from '../helpers/nsd.js';
import { type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';
import { type FakeConn, freePortHint, scriptedServers } from '../send/book-fake.js';

const relay = (args: string[]) =>
  runCli(['relay', '--helo', 'tester.mailflow.test', '--timeout', '5', '--json', ...args]);
const ids = (res: { findings: { id: string }[] }) => res.findings.map((f) => f.id);

describe('relay against a private Postfix', { skip: skipServers() || skipNsd() }, () => {
  let pf: PostfixInstance;
  let nsd: NsdInstance;
  before(async () => {
    pf = await startPostfix();
    // local.test's best MX points at an address where nothing listens; the next one is Postfix.
    nsd = await startNsd([
      {
        name: 'local.test',
        text: [
          '$ORIGIN local.test.',
          '$TTL 60',
          '@ SOA ns.local.test. hostmaster.local.test. 1 3600 600 86400 60',
          '@ NS ns',
          'ns A 127.0.0.1',
          '@ MX 5 dead',
          '@ MX 10 mx',
          'dead A 127.0.0.2',
          'mx A 127.0.0.1',
          'nomail MX 0 .',
          '',
        ].join('\n'),
      },
    ]);
  });
  after(async () => {
    await Promise.all([pf?.stop(), nsd?.stop()]);
  });

  test('by address: every variant refused (relay.closed); own domain taken from the greeting', async () => {
    const r = await relay([`127.0.0.1:${pf.port}`]);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(ids(res), ['relay.closed']);
    assert.equal(res.data.ownDomain, 'local.test');
    assert.deepEqual(
      res.data.attempts.map((a: { variant: string }) => a.variant),
      ['outside-to-outside', 'null-sender', 'own-domain-sender', 'percent-hack', 'bang-path'],
    );
    for (const a of res.data.attempts) assert.match(a.rcpt, /^554 5\.7\.1 .*Relay access denied/);
    const sent = res.data.transcript
      .filter((e: { dir: string }) => e.dir === 'C')
      .map((e: { line: string }) => e.line);
    assert.ok(!sent.includes('DATA'), 'DATA must never be sent');
    assert.ok(sent.includes('MAIL FROM:<>'));
  });

  test('by domain: the MX is found in DNS, a dead better MX is skipped', async () => {
    const r = await relay(['local.test', '--dns', nsd.server, '--port', String(pf.port)]);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(ids(res), ['relay.closed']);
    assert.equal(res.data.server, `mx.local.test:${pf.port}`);
    assert.equal(res.data.ownDomain, 'local.test');
  });

  test('human output at 80 columns: the attempts are a table (each reply under its envelope), not stacked', async () => {
    const r = await runCli(
      [
        'relay',
        'local.test',
        '--dns',
        nsd.server,
        '--port',
        String(pf.port),
        '--helo',
        'tester.mailflow.test',
      ],
      { env: { COLUMNS: '80' } },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^│ Variant +│ MAIL FROM \/ RCPT TO +│$/m, r.stdout);
    assert.match(r.stdout, /^│ +│ {3}Reply +│$/m, r.stdout);
    assert.match(r.stdout, /Relay access denied/);
    for (const line of r.stdout.split('\n')) assert.ok(line.length <= 80, `${line.length} > 80: ${line}`);
  });

  test('host:port is resolved through --dns (a name only NSD knows), never the system resolver', async () => {
    const r = await relay([`mx.local.test:${pf.port}`, '--dns', nsd.server]);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(ids(res), ['relay.closed']);
    assert.equal(res.data.address, '127.0.0.1');
  });

  test('a null MX: nothing to relay-test (relay.null-mx, info), not "no server answered"', async () => {
    const r = await relay(['nomail.local.test', '--dns', nsd.server]);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(ids(res), ['relay.null-mx']);
    assert.match(
      res.findings[0].title,
      /publishes a null MX: it accepts no mail, so there is nothing to relay-test/,
    );
  });

  test('send --server <name> goes through --dns too (no getaddrinfo)', async () => {
    const r = await runCli([
      'send',
      ...['--server', `mx.local.test:${pf.port}`, '--dns', nsd.server, '--ca', pf.caFile],
      ...['--from', 'a@example.org', '--to', `alice@${pf.localDomain}`, '--json', '--quit-after', 'rcpt'],
      ...['--helo', 'tester.mailflow.test', '--timeout', '5'],
    ]);
    const [res] = jsonLines(r.stdout);
    assert.doesNotMatch(r.stdout + r.stderr, /getaddrinfo|ENOTFOUND/);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(res.data.server, `mx.local.test:${pf.port}`);
    const unknown = await runCli([
      'send',
      ...['--server', `nosuch.local.test:${pf.port}`, '--dns', nsd.server],
      ...['--from', 'a@example.org', '--to', `alice@${pf.localDomain}`, '--json', '--timeout', '5'],
    ]);
    assert.doesNotMatch(unknown.stdout + unknown.stderr, /getaddrinfo|ENOTFOUND/);
    assert.match(unknown.stdout, /nosuch\.local\.test.*(NXDOMAIN|does not exist)/);
    // Nothing was connected to, so no (empty) transcript table in the human output.
    const human = await runCli([
      'send',
      ...['--server', `nosuch.local.test:${pf.port}`, '--dns', nsd.server],
      ...['--from', 'a@example.org', '--to', `alice@${pf.localDomain}`, '--timeout', '5'],
    ]);
    assert.doesNotMatch(human.stdout, /Transcript/);
  });

  /** `send` without --server: the MX of local.test, found through NSD, on Postfix's port. */
  const sendViaMx = (extra: string[]) =>
    runCli([
      'send',
      ...['--dns', nsd.server, '--port', String(pf.port), '--ca', pf.caFile],
      ...['--from', 'a@example.org', '--to', `alice@${pf.localDomain}`, '--json'],
      ...extra,
    ]);

  test('send without --server delivers to the best reachable MX', async () => {
    const r = await sendViaMx(['--helo', 'tester.mailflow.test', '--timeout', '5']);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(ids(res).sort(), ['send.mx-skipped', 'send.ok']);
    assert.equal(res.data.server, `127.0.0.1:${pf.port}`);
    assert.equal(res.data.tls.validForHost, true); // checked against mx.local.test, the MX name
  });

  test('send without --server passes over a best MX that accepts but never greets', async () => {
    // dead.local.test (127.0.0.2) now answers on the port, then stays silent: a tarpit.
    const held = new Set<Socket>();
    const tarpit = createServer((sock) => {
      held.add(sock);
      sock.on('error', () => {});
      sock.on('close', () => held.delete(sock));
    });
    await new Promise<void>((ok) => tarpit.listen(pf.port, '127.0.0.2', ok));
    try {
      const r = await sendViaMx(['--timeout', '1']);
      const [res] = jsonLines(r.stdout);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.deepEqual(ids(res).sort(), ['send.mx-skipped', 'send.ok']);
      const skipped = res.findings.find((f: { id: string }) => f.id === 'send.mx-skipped');
      assert.match(skipped.detail, /127\.0\.0\.2.*no greeting/);
    } finally {
      for (const sock of held) sock.destroy();
      await new Promise((ok) => tarpit.close(ok));
    }
  });
});

describe('relay against scripted servers', () => {
  const servers = scriptedServers();
  after(servers.closeAll);

  /** Answers MAIL with 250 and RCPT with `rcpt(to)`; counts DATA attempts. */
  async function fake(rcpt: (to: string) => string, seen: string[] = []) {
    return servers.start(async (c: FakeConn) => {
      c.send('220 mx.victim.example ESMTP');
      for (let n = 0; n < 60; n++) {
        const line = await c.readLine();
        if (line === null) return;
        seen.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') c.send('250-mx.victim.example', '250 PIPELINING');
        else if (verb === 'MAIL') c.send('250 2.1.0 Ok');
        else if (verb === 'RCPT') c.send(rcpt(/<(.*)>/.exec(line)?.[1] ?? ''));
        else if (verb === 'RSET') c.send('250 2.0.0 Ok');
        else if (verb === 'QUIT') {
          c.send('221 2.0.0 Bye');
          return c.end();
        } else c.send('502 5.5.2 not here');
      }
    });
  }

  test('an open relay: relay.open names the accepted variants; no DATA; RSET after each', async () => {
    const seen: string[] = [];
    const s = await fake((to) => (to.endsWith('.invalid') ? '550 5.1.2 bad domain' : '250 2.1.5 Ok'), seen);
    const r = await relay([`127.0.0.1:${s.port}`]);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 2);
    assert.deepEqual(ids(res), ['relay.open']);
    assert.match(res.findings[0].title, /outside-to-outside/);
    assert.match(res.findings[0].fix, /authenticated/);
    assert.ok(!seen.includes('DATA'));
    assert.equal(seen.filter((l) => l === 'RSET').length, seen.filter((l) => l.startsWith('MAIL')).length);
  });

  test('accepts every RCPT, even at .invalid: relay.open, the canary stated; no transcript table', async () => {
    const s = await fake(() => '250 2.1.5 Ok');
    const r = await relay([`127.0.0.1:${s.port}`]);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 2);
    assert.deepEqual(ids(res), ['relay.open']);
    assert.match(
      res.findings[0].detail,
      /domain that cannot exist .*it may be queueing everything and bouncing later/,
    );
    assert.equal(
      res.data.attempts.find((a: { variant: string }) => a.variant === 'accept-all-canary')?.rcpt,
      '250 2.1.5 Ok',
    );
    const human = await runCli([
      'relay',
      '--helo',
      't.mailflow.test',
      '--timeout',
      '5',
      `127.0.0.1:${s.port}`,
    ]);
    assert.match(human.stdout, /Relay attempts/);
    assert.doesNotMatch(human.stdout, /Transcript|RSET/, 'the transcript only with --transcript or on error');
    const withT = await runCli([
      'relay',
      '--helo',
      't.mailflow.test',
      '--timeout',
      '5',
      '--transcript',
      `127.0.0.1:${s.port}`,
    ]);
    assert.match(withT.stdout, /RSET/);
  });

  test('a canary that gets no answer changes nothing: relay.open either way', async () => {
    // Accepts outside recipients, then goes silent at the .invalid RCPT (the attempt times out).
    const s = await servers.start(async (c: FakeConn) => {
      c.send('220 mx.victim.example ESMTP');
      for (let n = 0; n < 60; n++) {
        const line = await c.readLine();
        if (line === null) return;
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') c.send('250 mx.victim.example');
        else if (verb === 'RCPT' && line.includes('.invalid')) continue;
        else if (verb === 'QUIT') return c.end();
        else c.send('250 2.0.0 Ok');
      }
    });
    const r = await runCli([
      'relay',
      '--helo',
      't.mailflow.test',
      '--timeout',
      '1',
      '--json',
      `127.0.0.1:${s.port}`,
    ]);
    const [res] = jsonLines(r.stdout);
    assert.deepEqual(ids(res), ['relay.open'], r.stdout);
    assert.match(res.findings[0].detail, /cannot exist got no final answer/);
  });

  test('greylisting (450 4.7.1): relay.inconclusive', async () => {
    const s = await fake(() => '450 4.7.1 Greylisted, try again later');
    const r = await relay([`127.0.0.1:${s.port}`]);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 1);
    assert.deepEqual(ids(res), ['relay.inconclusive']);
    assert.match(res.findings[0].fix, /again/);
  });

  test('the addresses can be set; CR/LF in them is refused', async () => {
    const seen: string[] = [];
    const s = await fake(() => '554 5.7.1 Relay access denied', seen);
    const r = await relay([
      `127.0.0.1:${s.port}`,
      '--outside-sender',
      'me@mine.example',
      '--outside-recipient',
      'you@yours.example',
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(seen.includes('MAIL FROM:<me@mine.example>'));
    assert.ok(seen.includes('RCPT TO:<you@yours.example>'));
    const bad = await relay([`127.0.0.1:${s.port}`, '--outside-recipient', 'you@yours.example\r\nDATA']);
    assert.equal(bad.code, 3);
  });

  test('without --helo: EHLO names this machine by FQDN or address literal, never a bare label', async () => {
    const seen: string[] = [];
    const s = await fake(() => '554 5.7.1 Relay access denied', seen);
    // An e-mail address as the target means its domain (here an address literal with a port).
    const r = await runCli(['relay', `postmaster@127.0.0.1:${s.port}`, '--timeout', '5', '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const name = seen.find((l) => l.startsWith('EHLO '))?.slice(5) ?? '';
    // RFC 5321 §4.1.4: a fully qualified domain name, or an address literal when there is none.
    assert.match(name, /^(\[(IPv6:)?[0-9A-Fa-f:.]+\]|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/);
  });

  test('nothing listening: relay.connect-failed (unknown, exit 3)', async () => {
    const port = await freePortHint();
    const r = await relay([`127.0.0.1:${port}`]);
    const [res] = jsonLines(r.stdout);
    assert.equal(r.code, 3);
    assert.deepEqual(ids(res), ['relay.connect-failed']);
  });
});
