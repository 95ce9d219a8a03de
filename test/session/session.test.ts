// `mailflow session` end to end: --replay of a recorded session against the private Postfix +
// Dovecot (STARTTLS, AUTH PLAIN, a message, and a recording the server no longer matches), and
// the interactive session on a pseudo-terminal against a scripted server, including a secret
// typed at the no-echo prompt, Ctrl-C while a server never answers, and the terminal left sane.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { type FakeConn, scriptedServers } from '../helpers/fake-smtp.js';
import { type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';
import { hasScript, saneTerminal, startInPty } from '../helpers/pty.js';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mailflow-session-'));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('session --replay against a private Postfix + Dovecot', { skip: skipServers() }, () => {
  let pf: PostfixInstance;
  before(async () => {
    pf = await startPostfix();
  });
  after(async () => {
    await pf?.stop();
  });

  const recording = (rcpt: string) =>
    [
      '# recorded by hand for the test',
      'EHLO client.mailflow.test',
      '< 250 ok',
      'starttls',
      '< 250 ok',
      `auth plain ${pf.user}`,
      '< 235 2.7.0 Authentication successful',
      `MAIL FROM:<${pf.user}@${pf.localDomain}>`,
      '< 250 2.1.0 Ok',
      `RCPT TO:<${rcpt}>`,
      '< 250 2.1.5 Ok',
      'data',
      '< 250 2.0.0 Ok: queued',
      '| Subject: replayed by mailflow session',
      '|',
      '| .a line that starts with a dot',
      'QUIT',
      '< 221 2.0.0 Bye',
      '',
    ].join('\n');

  test('a recorded session replays: STARTTLS with the private CA, AUTH PLAIN, a message queued; exit 0', async () => {
    const file = join(tmp, 'ok.rec');
    writeFileSync(file, recording(`alice@${pf.localDomain}`));
    const r = await runCli(
      ['session', `127.0.0.1:${pf.submissionPort}`, '--ca', pf.caFile, '--replay', file, '--timeout', '15'],
      { env: { MAILFLOW_PASSWORD: pf.password }, timeoutMs: 60_000 },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\* verify: OK/);
    // After STARTTLS the session says EHLO again with the name the user gave, not its own default.
    assert.match(r.stdout, /\* verify: OK[\s\S]*\nC: EHLO client\.mailflow\.test\n/);
    assert.match(r.stdout, /S: 235 .*\(\d+ ms\)/);
    assert.match(r.stdout, /S: 250 2\.0\.0 Ok: queued as/);
    assert.match(r.stdout, /session\.replay-ok/);
    assert.match(r.stdout, /C: AUTH PLAIN \*{8}/);
    for (const form of [pf.password, Buffer.from(`\0${pf.user}\0${pf.password}`).toString('base64')]) {
      assert.ok(!r.stdout.includes(form) && !r.stderr.includes(form), 'secret in the output');
    }
  });

  test('--tls-name is the name verified and sent as SNI; --local-address is where the session comes from', async () => {
    const file = join(tmp, 'name.rec');
    writeFileSync(
      file,
      ['EHLO client.mailflow.test', '< 250 ok', 'starttls', '< 250 ok', 'show', 'capa', 'QUIT', ''].join(
        '\n',
      ),
    );
    const args = ['session', `127.0.0.1:${pf.port}`, '--ca', pf.caFile, '--replay', file, '--timeout', '15'];
    const named = await runCli([...args, '--tls-name', 'mx.local.test', '--local-address', '127.0.0.2'], {
      timeoutMs: 60_000,
    });
    assert.equal(named.code, 0, named.stdout + named.stderr);
    assert.match(named.stdout, /\* verify: OK \(chain and name mx\.local\.test\)/);
    assert.match(named.stdout, /\(from 127\.0\.0\.2\)/);
    // capa after STARTTLS: the server no longer lists STARTTLS, and that is not a missing verb.
    assert.match(named.stdout, /\* STARTTLS: in use/);
    assert.doesNotMatch(named.stdout, /not offered: .*STARTTLS|missing: .*STARTTLS/);
    const wrong = await runCli([...args, '--tls-name', 'not-on-the-cert.example.test'], {
      timeoutMs: 60_000,
    });
    assert.match(wrong.stdout, /verify: FAILED: .*name/);
    const bad = await runCli([...args, '--tls-name', 'two words', '--local-address', 'nowhere']);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /--tls-name "two words" is not a host name/);
  });

  test('a reply of another class stops the replay: session.unexpected-reply, exit 2, explained inline', async () => {
    const file = join(tmp, 'bad.rec');
    writeFileSync(file, recording(`nobody-here@${pf.localDomain}`));
    const r = await runCli(
      [
        'session',
        `127.0.0.1:${pf.submissionPort}`,
        '--ca',
        pf.caFile,
        '--replay',
        file,
        '--json',
        '--timeout',
        '15',
      ],
      { env: { MAILFLOW_PASSWORD: pf.password }, timeoutMs: 60_000 },
    );
    assert.equal(r.code, 2, r.stdout + r.stderr);
    // With --json the conversation goes to stderr: stdout is the one JSON line, for `| jq`.
    assert.match(r.stderr, /S: 550 5\.1\.1 /);
    assert.match(r.stderr, /↳ /);
    assert.equal(r.stdout.trim().split('\n').length, 1, r.stdout);
    const res = JSON.parse(r.stdout);
    assert.equal(res.findings[0].id, 'session.unexpected-reply');
    assert.equal(res.findings[0].data.expected, 250);
    assert.equal(res.findings[0].data.got, 550);
    assert.ok(!r.stderr.includes('Ok: queued'), 'nothing after the mismatch ran');
  });
});

describe('session on a terminal', { skip: !hasScript() && 'no script(1)' }, () => {
  const servers = scriptedServers();
  after(servers.closeAll);
  const SECRET = 'pw-Typed-At-The-Prompt-42';

  /** Answers EHLO, AUTH PLAIN, RCPT (550) and QUIT; never answers NOOP. */
  const script = (received: string[]) => async (c: FakeConn) => {
    c.send('220 fake.test ESMTP');
    for (let n = 0; n < 40; n++) {
      const line = await c.readLine();
      if (line === null) return;
      received.push(line);
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') c.send('250-fake.test', '250-AUTH PLAIN LOGIN', '250 SIZE 1000');
      else if (verb === 'AUTH') c.send('235 2.7.0 Authentication successful');
      else if (verb === 'RCPT') c.send('550 5.1.1 <x@fake.test>: Recipient address rejected: User unknown');
      else if (verb === 'QUIT') {
        c.send('221 bye');
        return c.end();
      } else if (verb === 'NOOP') {
        // never answers
      } else c.send('250 ok');
    }
  };

  test('typed commands, help, a no-echo secret, an explained refusal, Ctrl-C twice on a silent server; terminal sane', {
    timeout: 60_000,
  }, async () => {
    const received: string[] = [];
    const s = await servers.start(script(received));
    const rec = join(tmp, 'pty.rec');
    const pty = startInPty(['session', `127.0.0.1:${s.port}`, '--allow-plaintext-auth', '--record', rec]);
    try {
      await pty.waitFor(/smtp> /);
      pty.write('EHLO me.test\r');
      await pty.waitFor(/S: 250 SIZE 1000 +\(\d+ ms\)/);
      pty.write('help\r');
      await pty.waitFor(/starttls +upgrade to TLS/);
      pty.write('auth plain alice\r');
      await pty.waitFor(/Password for alice: /);
      pty.write(`${SECRET}\r`);
      await pty.waitFor(/S: 235 2\.7\.0/);
      // Up recalls the auth line, not the secret typed after it; Ctrl-U clears it again.
      pty.write('\x1b[A');
      await pty.waitFor(/smtp> (\x1b\[\d*G)?auth plain alice/);
      pty.write('\x15');
      pty.write('RCPT TO:<x@fake.test>\r');
      await pty.waitFor(/↳ .*unknown|↳ .*does not exist|↳ .*mailbox/i).catch((e: Error) => {
        throw new Error(`${e.message}\nthe server received: ${JSON.stringify(received)}`);
      });
      pty.write('NOOP\r');
      await pty.waitFor(/C: NOOP/);
      pty.write('\x03');
      await pty.waitFor(/stopped waiting/);
      pty.write('\x03');
      const { code, stty, output } = await pty.done(30_000);
      assert.equal(code, 0, output);
      assert.ok(saneTerminal(stty), stty);
      assert.ok(!output.includes(SECRET), 'the secret was echoed or shown');
      const b64 = Buffer.from(`\0alice\0${SECRET}`).toString('base64');
      assert.ok(!output.includes(b64));
      assert.ok(
        received.some((l) => l === `AUTH PLAIN ${b64}`),
        received.join('\n'),
      );
      assert.equal(received.at(-1), 'QUIT');
      const recorded = readFileSync(rec, 'utf8');
      assert.ok(!recorded.includes(SECRET) && !recorded.includes(b64), recorded);
      assert.match(recorded, /^EHLO me\.test\n< 250-fake\.test/m);
      assert.match(recorded, /^auth plain alice\n< 235 /m);
    } finally {
      pty.kill();
    }
  });

  test('at 80 columns an explanation wraps under its marker; no line runs past the edge', {
    timeout: 60_000,
  }, async () => {
    const s = await servers.start(script([]));
    const pty = startInPty(['session', `127.0.0.1:${s.port}`]);
    try {
      await pty.waitFor(/smtp> /);
      pty.write('RCPT TO:<x@fake.test>\r');
      await pty.waitFor(/↳ /);
      pty.write('\x04');
      const { code, output } = await pty.done(30_000);
      assert.equal(code, 0, output);
      const shown = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n|\r/);
      const long = shown.filter((l) => [...l].length > 80);
      assert.deepEqual(long, [], output);
      const at = shown.findIndex((l) => l.startsWith('   ↳ '));
      assert.match(shown[at + 1] ?? '', /^ {5}\S/, 'continued under the text, not under the arrow');
    } finally {
      pty.kill();
    }
  });

  test('QUIT typed and answered 221 ends the session without a second QUIT', {
    timeout: 60_000,
  }, async () => {
    const received: string[] = [];
    const s = await servers.start(script(received));
    const pty = startInPty(['session', `127.0.0.1:${s.port}`]);
    try {
      await pty.waitFor(/smtp> /);
      pty.write('quit\r');
      const { code, output } = await pty.done(30_000);
      assert.equal(code, 0, output);
      assert.match(output, /S: 221 bye/);
      const shown = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      assert.equal(shown.match(/^C: QUIT/gim)?.length, 1, output);
      assert.deepEqual(received, ['quit']);
    } finally {
      pty.kill();
    }
  });

  test('Ctrl-D at the prompt sends QUIT and ends; the terminal is sane', { timeout: 60_000 }, async () => {
    const received: string[] = [];
    const s = await servers.start(script(received));
    const pty = startInPty(['session', `127.0.0.1:${s.port}`]);
    try {
      await pty.waitFor(/smtp> /);
      pty.write('\x04');
      const { code, stty, output } = await pty.done(30_000);
      assert.equal(code, 0, output);
      assert.ok(saneTerminal(stty), stty);
      assert.match(output, /S: 221 bye/);
      assert.deepEqual(received, ['QUIT']);
    } finally {
      pty.kill();
    }
  });
});
