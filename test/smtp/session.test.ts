import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SmtpError } from '../../src/smtp/errors.js';
import { replyText } from '../../src/smtp/reply.js';
import { type SessionOptions, SmtpSession, type SmtpTimeouts } from '../../src/smtp/session.js';
import {
  EXAMPLE_2,
  EXAMPLE_7,
  EXAMPLE_7_QUEUED,
  type FakeServer,
  faults,
  replay,
  type Script,
  startFakeSmtp,
} from '../helpers/fake-smtp.js';
import { makeTlsFixture, type TlsFixture } from './tls-fixture.js';

const FAST: SmtpTimeouts = { connect: 1500, greeting: 1500, reply: 1500, deadline: 8000 };

async function withServer<T>(script: Script, fn: (s: FakeServer) => Promise<T>): Promise<T> {
  const srv = await startFakeSmtp(script);
  try {
    return await fn(srv);
  } finally {
    await srv.close();
  }
}

/** A session to `srv`, connected and past the greeting; closed again if either step fails. */
async function greeted(srv: FakeServer, o: Partial<SessionOptions> = {}): Promise<SmtpSession> {
  const s = new SmtpSession({ host: srv.host, port: srv.port, timeouts: FAST, ...o });
  try {
    await s.connect();
    await s.greeting();
    return s;
  } catch (e) {
    s.close();
    throw e;
  }
}

async function failureOf(script: Script, steps: (s: SmtpSession) => Promise<unknown>, t = FAST) {
  return withServer(script, async (srv) => {
    const s = new SmtpSession({ host: srv.host, port: srv.port, timeouts: t });
    try {
      await s.connect();
      await steps(s);
      return 'no error';
    } catch (e) {
      assert.ok(e instanceof SmtpError, String(e));
      return e.code;
    } finally {
      s.close();
    }
  });
}

let fx: TlsFixture;
before(() => {
  fx = makeTlsFixture();
});
after(() => fx?.cleanup());

test('greeting, EHLO, QUIT against the book Example 2 replay', async () => {
  await withServer(replay({ ehlo: EXAMPLE_2 }), async (srv) => {
    const s = new SmtpSession({ host: srv.host, port: srv.port, timeouts: FAST });
    await s.connect();
    const g = await s.greeting();
    assert.equal(g.code, 220);
    assert.ok(s.timings.connectMs !== undefined && s.timings.greetingMs !== undefined);
    const r = await s.ehlo('client.example.net');
    assert.equal(r.code, 250);
    assert.deepEqual(s.capabilities?.xVerbs, []);
    await s.quit();
    const lines = s.transcript.format().join('\n');
    assert.match(lines, /C: EHLO client\.example\.net/);
    assert.match(lines, /S: 250 OK/);
    assert.match(lines, /C: QUIT/);
  });
});

test('HELO fallback when EHLO is refused', async () => {
  await withServer(replay({ heloOnly: true }), async (srv) => {
    const s = await greeted(srv);
    const { ehlo, helo } = await s.hello('client.example.net');
    assert.equal(ehlo.code, 502);
    assert.equal(helo?.code, 250);
    assert.equal(s.heloOnly, true);
    await s.quit();
  });
});

test('pipelined commands get one reply each, in order', async () => {
  await withServer(replay(), async (srv) => {
    const s = await greeted(srv);
    await s.ehlo('c.example.net');
    assert.equal(s.capabilities?.pipelining, true);
    const rs = await s.pipeline(['MAIL FROM:<a@example.com>', 'RCPT TO:<b@example.org>', 'NOOP']);
    assert.deepEqual(
      rs.map((r) => r.code),
      [250, 250, 250],
    );
    await s.quit();
  });
});

test('AUTH secrets never reach the transcript', async () => {
  await withServer(replay(), async (srv) => {
    const s = await greeted(srv);
    await s.ehlo('c.example.net');
    assert.equal((await s.command('AUTH LOGIN')).code, 334);
    assert.equal((await s.command('c2ZpbmVz')).code, 334);
    assert.equal((await s.command('cGFzc3dvcmQ=')).code, 235);
    await s.command('AUTH PLAIN AHNmaW5lcwBwYXNzd29yZA==').catch(() => {});
    await s.quit();
    const text = s.transcript.format().join('\n');
    assert.doesNotMatch(text, /c2ZpbmVz|cGFzc3dvcmQ|AHNmaW5l/);
    assert.match(text, /AUTH PLAIN <redacted>/);
  });
});

test('CR/LF in a command is refused before it reaches the wire', async () => {
  await withServer(replay(), async (srv) => {
    const s = await greeted(srv);
    await assert.rejects(s.command('NOOP\r\nRSET'), /CR, LF or NUL/);
    await s.quit();
  });
});

test('STARTTLS upgrade reports protocol, cipher and a verified certificate', async () => {
  await withServer(replay({ tls: { cert: fx.cert, key: fx.key } }), async (srv) => {
    const s = await greeted(srv, { servername: 'localhost', tls: { ca: fx.ca } });
    await s.ehlo('c.example.net');
    assert.equal(s.capabilities?.starttls, true);
    const r = await s.starttls();
    assert.equal(r.code, 220);
    assert.ok(s.tls);
    assert.match(s.tls.protocol, /TLSv1\.[23]/);
    assert.equal(s.tls.chainVerified, true);
    assert.equal(s.tls.validForHost, true);
    assert.deepEqual(s.tls.certificate?.san, ['localhost', '127.0.0.1']);
    assert.ok((s.tls.certificate?.daysLeft ?? 0) >= 28);
    assert.equal((await s.ehlo('c.example.net')).code, 250);
    assert.equal(s.capabilities?.starttls, false);
    await s.quit();
  });
});

test('an untrusted certificate and a wrong name are reported, not fatal', async () => {
  await withServer(replay({ tls: { cert: fx.cert, key: fx.key } }), async (srv) => {
    const s = await greeted(srv, { servername: 'mx.example.org' });
    await s.ehlo('c.example.net');
    await s.starttls();
    assert.equal(s.tls?.chainVerified, false);
    assert.equal(s.tls?.validForHost, false);
    assert.ok(s.tls?.chainError);
    await s.quit();
  });
});

test('fault: no greeting ends in greeting-timeout', async () => {
  assert.equal(await failureOf(faults.noGreeting(), (s) => s.greeting()), 'greeting-timeout');
});

test('fault: one byte a second ends in greeting-timeout (the whole reply is timed)', async () => {
  assert.equal(await failureOf(faults.slowGreeting(300), (s) => s.greeting()), 'greeting-timeout');
});

test('fault: a reply that never ends hits a limit', async () => {
  const got = await failureOf(faults.endlessReply(1), (s) => s.greeting());
  assert.ok(['too-many-lines', 'greeting-timeout'].includes(got), got);
});

test('fault: a 1 MB line is refused as line-too-long', async () => {
  assert.equal(await failureOf(faults.hugeLine(), (s) => s.greeting()), 'line-too-long');
});

test('fault: a reset in the middle of a reply', async () => {
  assert.equal(await failureOf(faults.resetMidReply(), (s) => s.greeting()), 'reset');
});

test('fault: mismatched codes in a multi-line reply', async () => {
  assert.equal(await failureOf(faults.mismatchedCodes(), (s) => s.greeting()), 'code-mismatch');
});

test('fault: the server hangs up at once', async () => {
  assert.equal(await failureOf(faults.closeImmediately(), (s) => s.greeting()), 'closed');
});

test('a 554 greeting is returned as a reply for the caller to judge', async () => {
  await withServer(faults.rejectGreeting(), async (srv) => {
    const s = new SmtpSession({ host: srv.host, port: srv.port, timeouts: FAST });
    await s.connect();
    const g = await s.greeting();
    assert.equal(g.code, 554);
    assert.equal(g.enhanced, '5.7.1');
    await s.quit();
  });
});

test('the overall deadline ends a session that keeps the server busy', async () => {
  const got = await failureOf(
    replay(),
    async (s) => {
      await s.greeting();
      for (let i = 0; i < 10_000; i++) await s.command('NOOP');
    },
    { connect: 1000, greeting: 1000, reply: 1000, deadline: 300 },
  );
  assert.equal(got, 'deadline');
});

test('connection refused on a closed port', async () => {
  const srv = await startFakeSmtp(replay());
  const port = srv.port;
  await srv.close();
  const s = new SmtpSession({ host: '127.0.0.1', port, timeouts: FAST });
  await assert.rejects(s.connect(), (e: SmtpError) => e.code === 'refused');
  s.close();
});

test('a flood of replies nobody asked for ends the session', async () => {
  const flood: Script = (c) => c.write(`220 hi\r\n${'250 unasked\r\n'.repeat(300)}`);
  const got = await failureOf(flood, async (s) => {
    await s.greeting();
    await s.command('NOOP');
  });
  assert.equal(got, 'unsolicited-reply');
});

test("the book's Example 7 session end to end: AUTH LOGIN, MAIL, RCPT, DATA, queued", async () => {
  await withServer(replay({ ehlo: EXAMPLE_7 }), async (srv) => {
    const s = await greeted(srv);
    assert.equal((await s.ehlo('example.com')).code, 250);
    assert.deepEqual(s.capabilities?.xVerbs, ['X-EXPS GSSAPI NTLM', 'X-LINK2STATE', 'XEXCH50']);
    assert.equal((await s.command('auth login')).lines[0], 'VXNlcm5hbWU6');
    assert.equal((await s.command('c2ZpbmVz')).lines[0], 'UGFzc3dvcmQ6');
    const ok = await s.command('cGFzc3dvcmQ=');
    assert.equal(ok.code, 235);
    assert.equal(ok.enhanced, '2.7.0');
    const mail = await s.command('mail from:sfine@example.com');
    assert.equal(replyText(mail), '250 2.1.0 sfine@example.com....Sender OK');
    assert.equal(
      replyText(await s.command('rcpt to:tbremmer@contoso.com')),
      '250 2.1.5 tbremmer@contoso.com',
    );
    assert.equal((await s.command('data')).code, 354);
    s.writeRaw(Buffer.from('This is a test mail sent on SMTP port 25 to verify test my SMTP\r\nserver\r\n'));
    const queued = await s.command('.');
    assert.equal(replyText(queued), `250 2.6.0 ${EXAMPLE_7_QUEUED}`);
    await s.quit();
    const text = s.transcript.format().join('\n');
    assert.doesNotMatch(
      text,
      /c2ZpbmVz|cGFzc3dvcmQ=/,
      'the base64 user name and password stay out of the transcript',
    );
  });
});

test('replies before any command are refused, not paired with the next command (unsolicited-reply)', async () => {
  const stale: Script = async (c) => {
    c.send('220 stale.example.test ESMTP', ...Array.from({ length: 50 }, () => '250 ok'));
    for (let i = 0; i < 5 && (await c.readLine()) !== null; i++) c.send('250 ok');
  };
  assert.equal(
    await failureOf(stale, async (s) => {
      await s.greeting();
      await s.ehlo('c.example.net');
    }),
    'unsolicited-reply',
  );
});

test('an unasked 421 (the server shutting down) is the answer to the next command, not a violation', async () => {
  await withServer(
    async (c) => {
      c.send('220 mx.example.test ESMTP', '421 4.3.2 shutting down');
      await c.readLine();
    },
    async (srv) => {
      const s = await greeted(srv);
      try {
        assert.equal((await s.ehlo('c.example.net')).code, 421);
      } finally {
        s.close();
      }
    },
  );
});

test('message data and its final "." are owed one reply: a second reply after it is unsolicited', async () => {
  const script: Script = async (c) => {
    c.send('220 mx.example.test ESMTP');
    if ((await c.readLine()) === null) return;
    c.send('354 go ahead');
    for (let i = 0; i < 10; i++) if ((await c.readLine()) === '.') break;
    c.send('250 queued', '250 stale');
    await c.readLine();
    c.send('250 ok');
  };
  const got = await failureOf(script, async (s) => {
    await s.greeting();
    assert.equal((await s.command('DATA')).code, 354);
    s.writeRaw(Buffer.from('Subject: x\r\n\r\nbody\r\n'));
    assert.equal(replyText(await s.command('.')), '250 queued');
    await s.command('NOOP');
  });
  assert.equal(got, 'unsolicited-reply');
});
