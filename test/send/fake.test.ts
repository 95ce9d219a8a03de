// `mailflow send` against scripted servers: the book's Example 7 session replayed line for line,
// and the faults a real Postfix will not produce on demand.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import {
  EXAMPLE_7,
  type FakeConn,
  type FakeServer,
  freePortHint,
  multiline,
  scriptedServers,
} from './book-fake.js';

const servers = scriptedServers();
after(servers.closeAll);

const fake = (script: (c: FakeConn) => Promise<void> | void): Promise<FakeServer> => servers.start(script);

/** A scripted server and the lines the client sent it (read after the run). */
async function recorded(script: (c: FakeConn) => Promise<void> | void) {
  let lines: string[] = [];
  const server = await fake(async (c) => {
    lines = c.received;
    await script(c);
  });
  return { server, received: () => lines };
}

const PASSWORD = 'password';

/**
 * `send --server 127.0.0.1:<port> --from FROM --to TO --no-chunking`: the scripted servers replay
 * the book's DATA sessions, so BDAT stays off (test/send/pipelining-fake.test.ts covers it).
 */
const sendArgs = (port: number, from = 'a@b.test', to = 'c@d.test') => [
  'send',
  '--server',
  `127.0.0.1:${port}`,
  '--from',
  from,
  '--to',
  to,
  '--no-chunking',
];

/** `send --server 127.0.0.1:<port> --from a@b.test --to c@d.test [extra] --json`: the run and its one result. */
async function sendTo(port: number, extra: string[] = [], env?: Record<string, string>) {
  const r = await runCli([...sendArgs(port), ...extra, '--json'], env ? { env } : {});
  const [res] = jsonLines(r.stdout);
  return { r, res };
}

/**
 * The book's Example 7: Exchange 2000 takes AUTH LOGIN in the clear, then queues the message.
 * The book types c2ZpbmVz (base64 of "sfines") and cGFzc3dvcmQ= ("password"); the replay checks both.
 */
function example7(opts: { dataReply?: string; ehlo?: string[] } = {}) {
  return async (c: FakeConn) => {
    c.send('220 mail1.example.com Microsoft ESMTP MAIL Service, Version: 5.0.2195.1600 ready');
    for (let n = 0; n < 40; n++) {
      const line = await c.readLine();
      if (line === null) return;
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') c.send(...multiline(250, opts.ehlo ?? EXAMPLE_7));
      else if (line.toUpperCase() === 'AUTH LOGIN') {
        c.send('334 VXNlcm5hbWU6');
        const user = await c.readLine();
        if (user !== 'c2ZpbmVz') return c.send('535 5.7.3 Authentication unsuccessful.');
        c.send('334 UGFzc3dvcmQ6');
        const pw = await c.readLine();
        c.send(
          pw === 'cGFzc3dvcmQ='
            ? '235 2.7.0 Authentication successful.'
            : '535 5.7.3 Authentication unsuccessful.',
        );
      } else if (verb === 'MAIL')
        c.send(`250 2.1.0 ${line.slice(10).split(' ')[0]!.replace(/[<>]/g, '')}....Sender OK`);
      else if (verb === 'RCPT') c.send(`250 2.1.5 ${line.slice(8).replace(/[<>]/g, '')}`);
      else if (verb === 'DATA') {
        c.send('354 Start mail input; end with <CRLF>.<CRLF>');
        for (let i = 0; i < 10_000; i++) if ((await c.readLine()) === '.') break;
        c.send(
          opts.dataReply ??
            '250 2.6.0 <INET-IMC-01UWr81nn9000fbad8@mail1.example.com> Queued mail for delivery',
        );
      } else if (verb === 'QUIT') {
        c.send('221 2.0.0 mail1.example.com Service closing transmission channel');
        return c.end();
      } else c.send('500 5.3.3 Unrecognized command');
    }
  };
}

const bookArgs = (s: FakeServer) => [
  'send',
  '--server',
  `127.0.0.1:${s.port}`,
  '--helo',
  'example.com',
  '--auth',
  'login',
  '--user',
  'sfines',
  '--from',
  'sfine@example.com',
  '--to',
  'tbremmer@contoso.com',
  '--timeout',
  '5',
  '--no-chunking', // the book's session used DATA
  '--json',
];

test('Example 7 replayed: AUTH LOGIN in the clear (allowed explicitly), queued with the Exchange id', async () => {
  const s = await fake(example7());
  const r = await runCli([...bookArgs(s), '--allow-plaintext-auth'], {
    env: { MAILFLOW_PASSWORD: PASSWORD },
  });
  const [res] = jsonLines(r.stdout);
  assert.equal(r.code, 1, r.stdout + r.stderr); // warn: the password crossed the wire unencrypted
  assert.deepEqual(res.findings.map((f: { id: string }) => f.id).sort(), ['send.ok', 'send.plaintext-auth']);
  assert.equal(res.data.queueId, '<INET-IMC-01UWr81nn9000fbad8@mail1.example.com>');
  const t = res.data.transcript.map((e: { dir: string; line: string }) => `${e.dir}: ${e.line}`);
  assert.deepEqual(t.slice(t.indexOf('C: AUTH LOGIN'), t.indexOf('C: AUTH LOGIN') + 6), [
    'C: AUTH LOGIN',
    'S: 334 VXNlcm5hbWU6  (decoded: Username:)',
    'C: c2ZpbmVz  (decoded: sfines)',
    'S: 334 UGFzc3dvcmQ6  (decoded: Password:)',
    'C: ********  (decoded: ********)',
    'S: 235 2.7.0 Authentication successful.',
  ]);
  assert.ok(t.includes('S: 250 2.1.5 tbremmer@contoso.com'));
  assert.ok(!r.stdout.includes('cGFzc3dvcmQ='), 'base64 password never shown');
});

test('Example 7 with --user but no --auth: AUTH GSSAPI NTLM lists nothing mailflow chooses, so LOGIN, as the book does', async () => {
  const { server, received } = await recorded(example7());
  const args = bookArgs(server).filter((a, i, all) => a !== '--auth' && all[i - 1] !== '--auth');
  const r = await runCli([...args, '--allow-plaintext-auth', '--transcript'], {
    env: { MAILFLOW_PASSWORD: PASSWORD },
  });
  const [res] = jsonLines(r.stdout);
  // The book's Exchange 2000 takes the LOGIN it does not list (before the fallback: send.auth-not-offered).
  assert.equal(res.data.authenticated, true, r.stdout + r.stderr);
  assert.deepEqual(res.data.auth, {
    mechanism: 'LOGIN',
    chosenBy: 'fallback',
    order: ['CRAM-MD5', 'PLAIN', 'LOGIN'],
  });
  assert.ok(
    received().some((l) => /^AUTH LOGIN/i.test(l)),
    received().join('\n'),
  );
  assert.deepEqual(res.data.notes, [
    'the server accepted AUTH LOGIN although it does not list it (it lists GSSAPI, NTLM)',
  ]);
  // --auth login, as before: tried although unlisted, and the book's Exchange takes it.
  const explicit = await runCli([...bookArgs(server), '--allow-plaintext-auth'], {
    env: { MAILFLOW_PASSWORD: PASSWORD },
  });
  const [ok] = jsonLines(explicit.stdout);
  assert.equal(ok.data.authenticated, true, explicit.stdout);
  assert.deepEqual(ok.data.auth, { mechanism: 'LOGIN', chosenBy: 'option' });
});

test('Example 7 without --allow-plaintext-auth: no STARTTLS offered, so AUTH is never sent', async () => {
  let sawAuth = false;
  const s = await fake(async (c) => {
    c.socket.on('close', () => {
      sawAuth = c.received.some((l) => /^AUTH/i.test(l));
    });
    await example7()(c);
  });
  const r = await runCli(bookArgs(s), { env: { MAILFLOW_PASSWORD: PASSWORD } });
  const [res] = jsonLines(r.stdout);
  assert.equal(r.code, 2);
  assert.deepEqual(
    res.findings.map((f: { id: string }) => f.id),
    ['send.tls-failed'],
  );
  assert.match(res.findings[0].fix, /--allow-plaintext-auth/);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(sawAuth, false);
});

test('--tls against a server without STARTTLS: send.tls-failed before MAIL', async () => {
  const s = await fake(example7());
  const { r, res } = await sendTo(s.port, ['--tls']);
  assert.equal(r.code, 2);
  assert.deepEqual(
    res.findings.map((f: { id: string }) => f.id),
    ['send.tls-failed'],
  );
  assert.equal(res.data.stage, 'tls');
  assert.match(res.findings[0].detail, /does not offer STARTTLS/);
});

test('the body is dot-stuffed on the wire, CRLF throughout, and SIZE is declared', async () => {
  let received: string[] = [];
  const s = await fake(async (c) => {
    await example7()(c);
    received = c.received;
  });
  const r = await runCli([
    ...sendArgs(s.port, 'a@example.com', 'b@contoso.com'),
    '--body',
    'one\n.\n.two\nthree',
    '--json',
  ]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const mail = received.find((l) => l.startsWith('MAIL FROM:'))!;
  assert.match(mail, /^MAIL FROM:<a@example\.com> SIZE=\d+$/);
  const body = received.slice(received.indexOf('DATA') + 1, received.lastIndexOf('.'));
  assert.deepEqual(body.slice(-4), ['one', '..', '..two', 'three']);
});

test('CR/LF in an address is refused before any connection (exit 3)', async () => {
  const s = await fake(example7());
  const r = await runCli(sendArgs(s.port, 'a@b.test', 'c@d.test\r\nRSET'));
  assert.equal(r.code, 3);
  assert.match(r.stderr, /CR, LF or NUL/);
  assert.equal(s.connections, 0);
});

test('a 554 greeting: send.connect-failed with the reply', async () => {
  const s = await fake(async (c) => {
    c.send('554 5.7.1 Service unavailable; client host [127.0.0.1] blocked');
    await c.readLine();
    c.end();
  });
  const { r, res } = await sendTo(s.port);
  assert.equal(r.code, 2);
  assert.equal(res.findings[0].id, 'send.connect-failed');
  assert.match(res.findings[0].detail, /554 5\.7\.1/);
  // A refusal is about this client, so the advice is the explainer's, not "check the firewall".
  assert.match(res.findings[0].title, /answered 554/);
  assert.match(res.findings[0].fix, /another network/);
  assert.ok(res.findings[0].detail.length < 600, res.findings[0].detail);
});

test('nothing listening: send.connect-failed at the CONNECT stage', async () => {
  const port = await freePortHint();
  const { r, res } = await sendTo(port);
  assert.equal(r.code, 2);
  assert.equal(res.findings[0].id, 'send.connect-failed');
  assert.equal(res.data.stage, 'connect');
});

test('552 after DATA (no SIZE advertised): send.data-rejected at the DATA stage', async () => {
  const s = await fake(example7({ dataReply: '552 5.3.4 Message too big', ehlo: ['mail1 Hello', 'OK'] }));
  const { r, res } = await sendTo(s.port);
  assert.equal(r.code, 2);
  assert.equal(res.findings[0].id, 'send.data-rejected');
  assert.equal(res.data.stage, 'data');
  assert.match(res.findings[0].fix, /smaller/);
});

test('a reset during RCPT names the stage; endless 334 challenges end the exchange', async () => {
  const resetter = await fake(async (c) => {
    c.send('220 x ESMTP');
    for (let n = 0; n < 10; n++) {
      const line = await c.readLine();
      if (line === null) return;
      if (line.startsWith('RCPT')) return c.reset();
      c.send(line.startsWith('EHLO') ? '250 x' : '250 ok');
    }
  });
  const { r: r1, res: res1 } = await sendTo(resetter.port);
  assert.equal(r1.code, 2);
  assert.equal(res1.data.stage, 'rcpt');
  assert.equal(res1.findings[0].id, 'send.recipient-rejected');

  const nagger = await fake(async (c) => {
    c.send('220 x ESMTP');
    for (let n = 0; n < 20; n++) {
      const line = await c.readLine();
      if (line === null) return;
      c.send(line.startsWith('EHLO') ? '250 x' : line === '*' ? '501 5.7.0 cancelled' : '334 UGFzc3dvcmQ6');
    }
  });
  const { r: r2, res: res2 } = await sendTo(
    nagger.port,
    ['--auth', 'login', '--user', 'u', '--allow-plaintext-auth'],
    { MAILFLOW_PASSWORD: 'hunter2-secret' },
  );
  assert.equal(r2.code, 2);
  assert.equal(res2.findings[0].id, 'send.auth-failed');
  assert.ok(!r2.stdout.includes('hunter2-secret'));
  assert.ok(!r2.stdout.includes(Buffer.from('hunter2-secret').toString('base64')));
});

/** Offers STARTTLS, answers it 454, then takes mail in clear (a server whose certificate failed to load). */
function refusesStarttls(dataReply = '250 2.0.0 Ok: queued as 4F2A1B2C3D') {
  return async (c: FakeConn) => {
    c.send('220 mx.example.test ESMTP');
    for (let n = 0; n < 40; n++) {
      const line = await c.readLine();
      if (line === null) return;
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO')
        c.send(...multiline(250, ['mx.example.test', 'STARTTLS', 'AUTH LOGIN PLAIN', '8BITMIME']));
      else if (verb === 'STARTTLS') c.send('454 4.7.0 TLS not available due to local problem');
      else if (verb === 'MAIL' || verb === 'RCPT') c.send('250 2.1.0 Ok');
      else if (verb === 'DATA') {
        c.send('354 End data with <CR><LF>.<CR><LF>');
        for (let i = 0; i < 10_000; i++) if ((await c.readLine()) === '.') break;
        c.send(dataReply);
      } else if (verb === 'QUIT') return c.send('221 2.0.0 Bye');
      else c.send('502 5.5.2 Error: command not recognized');
    }
  };
}

test('STARTTLS offered then refused (454): without AUTH the mail goes in clear, with a warning', async () => {
  const s = await fake(refusesStarttls());
  const { r, res } = await sendTo(s.port);
  const ids = res.findings.map((f: { id: string }) => f.id).sort();
  assert.deepEqual(ids, ['send.ok', 'send.tls-refused']);
  const refused = res.findings.find((f: { id: string }) => f.id === 'send.tls-refused');
  assert.match(refused.detail, /454 4\.7\.0 TLS not available/);
  assert.match(refused.detail, /without encryption/);
  assert.equal(r.code, 1);
});

test('STARTTLS refused (454) with AUTH: stops before the password, never sends AUTH', async () => {
  const { server: s, received } = await recorded(refusesStarttls());
  const { r, res } = await sendTo(s.port, ['--auth', 'login', '--user', 'u'], {
    MAILFLOW_PASSWORD: PASSWORD,
  });
  const ids = res.findings.map((f: { id: string }) => f.id).sort();
  assert.deepEqual(ids, ['send.tls-failed', 'send.tls-refused']);
  const failed = res.findings.find((f: { id: string }) => f.id === 'send.tls-failed');
  assert.match(failed.detail, /answered STARTTLS with "454/);
  assert.ok(!received().some((l) => /^AUTH/i.test(l)), 'no AUTH command reached the server');
  assert.ok(!r.stdout.includes(PASSWORD) && !r.stderr.includes(PASSWORD));
  assert.equal(r.code, 2);
});

test('STARTTLS refused (454) with --tls: the run fails at the TLS stage', async () => {
  const s = await fake(refusesStarttls());
  const { r, res } = await sendTo(s.port, ['--tls']);
  assert.equal(res.findings[0].id, 'send.tls-failed');
  assert.match(res.findings[0].detail, /refused STARTTLS/);
  assert.equal(r.code, 2);
});

test('--dsn-notify/--dsn-ret: parameters sent where DSN is offered, left out (with a warning) where not', async () => {
  const { server: withDsn, received: sent } = await recorded(example7());
  const dsnArgs = ['--dsn-notify', 'success', 'failure', '--dsn-ret', 'hdrs'];
  const offered = await sendTo(withDsn.port, dsnArgs);
  assert.deepEqual(
    offered.res.findings.map((f: { id: string }) => f.id),
    ['send.ok'],
  );
  const envid = offered.res.data.dsn.envid as string;
  const received = sent();
  assert.match(envid, /^mailflow-[0-9a-f]{12}$/);
  assert.ok(
    received.some((l) => /^MAIL FROM:<a@b\.test> SIZE=\d+ RET=HDRS ENVID=/.test(l) && l.endsWith(envid)),
    received.join('\n'),
  );
  assert.ok(received.includes('RCPT TO:<c@d.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;c@d.test'));

  const { server: withoutDsn, received: plainSent } = await recorded(refusesStarttls());
  const notOffered = await sendTo(withoutDsn.port, [...dsnArgs, '--no-tls']);
  const ids = notOffered.res.findings.map((f: { id: string }) => f.id).sort();
  assert.deepEqual(ids, ['send.dsn-unsupported', 'send.ok']);
  const plain = plainSent();
  assert.ok(!plain.some((l) => /NOTIFY=|RET=|ENVID=|ORCPT=/.test(l)), plain.join('\n'));
  assert.equal(notOffered.r.code, 1);
});

test('--dsn-notify never excludes the other values, and needs a value', async () => {
  const r = await runCli([...sendArgs(1), '--dsn-notify', 'never', 'success']);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /never excludes/);
  const twice = await runCli([...sendArgs(1), '--dsn-notify', 'never', 'never', '--quit-after', 'connect']);
  assert.doesNotMatch(twice.stderr, /never excludes/);
  const bare = await runCli([...sendArgs(1), '--dsn-notify']);
  assert.equal(bare.code, 3);
  assert.match(bare.stderr, /needs one or more/);
});

test('STARTTLS refused, then the message refused after DATA: the warning says the session went on in clear', async () => {
  const s = await fake(refusesStarttls('554 5.7.1 Message rejected as spam'));
  const { r, res } = await sendTo(s.port);
  const refused = res.findings.find((f: { id: string }) => f.id === 'send.tls-refused');
  assert.match(refused.detail, /went on without encryption/);
  assert.equal(r.code, 2);
});

/** A --data file: headers, a Latin-1 'é' (one byte, E9) and a UTF-8 'é' (C3 A9), bare LF line ends. */
function eightBitDataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-data-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'message.eml');
  const text = 'Subject: caf\xe9\nMessage-ID: <x@y.test>\n\nlatin1 caf\xe9 utf8 caf\xc3\xa9\n.dot\n';
  writeFileSync(file, Buffer.from(text, 'latin1'));
  return file;
}

/** The message lines a recording server received between DATA and the final dot (Latin-1, one char a byte). */
const dataLines = (received: string[]) =>
  received.slice(received.indexOf('DATA') + 1, received.lastIndexOf('.'));

test('--data bytes go out unchanged (Latin-1 and UTF-8 alike), only dot-stuffed with CRLF; 8BITMIME declared', async () => {
  const { server, received } = await recorded(example7());
  const { r, res } = await sendTo(server.port, ['--data', eightBitDataFile()]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(dataLines(received()), [
    'Subject: caf\xe9',
    'Message-ID: <x@y.test>',
    '',
    'latin1 caf\xe9 utf8 caf\xc3\xa9',
    '..dot',
  ]);
  assert.match(received().find((l) => l.startsWith('MAIL FROM:'))!, / BODY=8BITMIME/);
  assert.ok(!res.findings.some((f: { id: string }) => f.id === 'send.8bit-without-8bitmime'));
});

test('--data with 8-bit bytes to a server without 8BITMIME: sent unchanged, send.8bit-without-8bitmime warns', async () => {
  const { server, received } = await recorded(
    example7({ ehlo: ['mail1.example.com Hello', 'PIPELINING', 'SIZE 5242880'] }),
  );
  const { r, res } = await sendTo(server.port, ['--data', eightBitDataFile()]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const warn = res.findings.find((f: { id: string }) => f.id === 'send.8bit-without-8bitmime');
  assert.equal(warn?.severity, 'warn');
  assert.match(warn.ref, /RFC 6152/);
  assert.ok(warn.fix);
  assert.doesNotMatch(received().find((l) => l.startsWith('MAIL FROM:'))!, /BODY=/);
  assert.ok(dataLines(received()).includes('latin1 caf\xe9 utf8 caf\xc3\xa9'));
});

test('replies sent before any command (220 then 50 x "250 ok"): send.unsolicited-reply, nothing paired with EHLO', async () => {
  const { server, received } = await recorded(async (c) => {
    c.send('220 stale.example.test ESMTP', ...Array.from({ length: 50 }, () => '250 ok'));
    for (let i = 0; i < 20 && (await c.readLine()) !== null; i++) c.send('250 ok');
  });
  const { r, res } = await sendTo(server.port, ['--timeout', '3']);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const f = res.findings.find((x: { id: string }) => x.id === 'send.unsolicited-reply');
  assert.equal(f?.severity, 'fail', JSON.stringify(res.findings));
  assert.match(f.ref, /RFC 5321 §4\.3/);
  assert.ok(!res.findings.some((x: { id: string }) => x.id === 'send.ok'));
  assert.ok(!received().some((l) => l.startsWith('MAIL')), received().join('\n'));
});
