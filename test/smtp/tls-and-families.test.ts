// Implicit TLS, STARTTLS injection, IPv6 loopback and the redaction hook.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ehloCheck } from '../../src/checks/ehlo/index.js';
import { probeAddress } from '../../src/checks/probe/address.js';
import type { PortKind } from '../../src/checks/probe/ports.js';
import type { SmtpError } from '../../src/smtp/errors.js';
import { parseReply } from '../../src/smtp/reply.js';
import { type SessionOptions, SmtpSession, timeoutsFromSeconds } from '../../src/smtp/session.js';
import { multiline, replay, type Script, scriptedServers, W2K_GREETING } from '../helpers/fake-smtp.js';
import { makeTlsFixture, type TlsFixture } from './tls-fixture.js';

let fx: TlsFixture;
const servers = scriptedServers();
const start = (s: Script, host?: string) => servers.start(s, host);
before(() => {
  fx = makeTlsFixture(['mx.example.test']);
});
after(async () => {
  await servers.closeAll();
  fx?.cleanup();
});
const timeouts = timeoutsFromSeconds(1.5);

/** probeAddress on loopback: `kind` says how to talk to the port; `trust` adds the fixture's CA. */
const probeLocal = (
  address: string,
  port: number,
  kind: PortKind,
  o: { host?: string; name?: string; trust?: boolean } = {},
) =>
  probeAddress(
    {
      host: o.host ?? address,
      address,
      port: { port, name: o.name ?? kind, kind, description: '', ref: '' },
    },
    { timeouts, ...(o.trust ? { tls: { ca: fx.ca } } : {}) },
  );

/** SMTPS: TLS from the first byte, then the ordinary conversation. */
const smtps = (): Script => (c) => {
  c.startTls({ cert: fx.cert, key: fx.key });
  return replay({ greeting: '220 mx.example.test ESMTP Postfix' })(c);
};

/** A server that greets, offers STARTTLS in its EHLO reply, reads the STARTTLS command and lets `answer` reply. */
const offersStartTls =
  (answer: Script): Script =>
  async (c) => {
    c.send('220 mx.example.test ESMTP');
    await c.readLine();
    c.send(...multiline(250, ['mx.example.test', 'STARTTLS']));
    await c.readLine();
    await answer(c);
  };

/** A session to the loopback server on `port`, connected, greeted and past EHLO; closed again if any step fails. */
async function ehloSession(port: number, o: Partial<SessionOptions> = {}): Promise<SmtpSession> {
  const s = new SmtpSession({ host: '127.0.0.1', port, timeouts, ...o });
  try {
    await s.connect();
    await s.greeting();
    await s.ehlo('client.example.net');
    return s;
  } catch (e) {
    s.close();
    throw e;
  }
}

test('implicit TLS (SMTPS): probe reports the handshake and the greeting', async () => {
  const srv = await start(smtps());
  const r = await probeLocal('127.0.0.1', srv.port, 'smtps', { host: 'mx.example.test', trust: true });
  assert.equal(r.outcome, 'open');
  assert.equal(r.tls?.chainVerified, true);
  assert.equal(r.tls?.validForHost, true);
  assert.ok(r.tlsMs !== undefined);
  assert.match(r.greeting![0]!, /^220 mx\.example\.test/);
});

test('implicit TLS against a plain-text server is a tls-error', async () => {
  const srv = await start(replay());
  const r = await probeLocal('127.0.0.1', srv.port, 'smtps');
  assert.equal(r.outcome, 'tls-error');
});

test('ehlo with TLS on connect reports the certificate without STARTTLS', async () => {
  const srv = await start(smtps());
  const r = await ehloCheck(
    { host: 'mx.example.test', addresses: ['127.0.0.1'] },
    { port: srv.port, timeouts, implicitTls: true, tls: { ca: fx.ca }, heloName: 'client.example.net' },
  );
  assert.equal(r.data.tls?.chainVerified, true);
  assert.ok(r.findings.some((f) => f.id === 'ehlo.tls-cert'));
  assert.ok(!r.findings.some((f) => f.id === 'ehlo.no-starttls'));
});

test('STARTTLS: data sent after the 220 in clear text is refused (RFC 3207 §6)', async () => {
  const srv = await start(offersStartTls((c) => c.write('220 go ahead\r\n250 injected\r\n')));
  const s = await ehloSession(srv.port);
  try {
    await assert.rejects(s.starttls(), (e: SmtpError) => e.code === 'protocol');
  } finally {
    s.close();
  }
});

test('STARTTLS refused by the server: the reply comes back, the session stays plain', async () => {
  const srv = await start(
    offersStartTls(async (c) => {
      c.send('454 4.7.0 TLS not available due to local problem');
      await c.readLine();
      c.send('221 bye');
      c.end();
    }),
  );
  const s = await ehloSession(srv.port);
  const r = await s.starttls();
  assert.equal(r.code, 454);
  assert.equal(s.isTls, false);
  await s.quit();
});

test('IPv6 loopback: probe [::1]', async () => {
  const srv = await start(replay(), '::1');
  const r = await probeLocal('::1', srv.port, 'smtp');
  assert.equal(r.outcome, 'open');
});

test('ehlo tries the next address when the first refuses', async () => {
  const srv = await start(replay(), '::1');
  const r = await ehloCheck(
    { host: 'mx.example.test', addresses: ['127.0.0.1', '::1'] },
    { port: srv.port, timeouts, heloName: 'client.example.net' },
  );
  assert.equal(r.data.address, '::1');
  assert.deepEqual(
    r.data.attempts.map((a) => a.outcome),
    ['refused', 'open'],
  );
  const refused = r.findings.find((f) => f.id === 'probe.refused')!;
  assert.equal(refused.severity, 'warn');
});

test('a custom redaction hook sees every line we send; AUTH is hidden regardless', async () => {
  const srv = await start(replay());
  const s = new SmtpSession({
    host: '127.0.0.1',
    port: srv.port,
    timeouts,
    redact: (line) => line.replace(/secret-[a-z]+/g, '<hidden>'),
  });
  await s.connect();
  await s.greeting();
  await s.command('NOOP secret-word');
  await s.command('AUTH LOGIN');
  await s.command('dXNlcg==', { secret: true });
  await s.quit();
  const text = s.transcript.format().join('\n');
  assert.match(text, /C: NOOP <hidden>/);
  assert.doesNotMatch(text, /secret-word|dXNlcg/);
});

test("the book's Example 1 as printed (a 240- line inside a 250 reply) is a code mismatch", () => {
  const printed = [
    '250-mail1.example.com Hello [172.16.0.0]',
    '250-AUTH GSSAPI NTLM',
    '240-X-EXPS=LOGIN',
    '250 OK',
  ];
  assert.throws(
    () => parseReply(printed.join('\r\n')),
    (e: SmtpError) => e.code === 'code-mismatch',
  );
  assert.ok(W2K_GREETING.startsWith('220 '));
});

test('peerCertificateChain gives DER certificates after TLS, none before', async () => {
  const srv = await start(replay({ tls: { cert: fx.cert, key: fx.key } }));
  const s = await ehloSession(srv.port, { servername: 'mx.example.test', tls: { ca: fx.ca } });
  try {
    assert.deepEqual(s.peerCertificateChain(), []);
    await s.starttls();
    const chain = s.peerCertificateChain();
    assert.ok(chain.length >= 1);
    assert.equal(chain[0]![0], 0x30, 'DER starts with a SEQUENCE');
    await s.quit();
  } finally {
    s.close();
  }
});

test('writeRaw sends message data; the transcript records only its size', async () => {
  const srv = await start(async (c) => {
    c.send('220 mx.example.test ESMTP');
    await c.readLine();
    c.send('354 go ahead');
    for (let i = 0; i < 20; i++) {
      const l = await c.readLine();
      if (l === null) return;
      if (l === '.') {
        c.send('250 2.0.0 queued as ABC123');
        break;
      }
    }
    await c.readLine();
    c.send('221 bye');
    c.end();
  });
  const s = new SmtpSession({ host: '127.0.0.1', port: srv.port, timeouts });
  await s.connect();
  await s.greeting();
  assert.equal((await s.command('DATA')).code, 354);
  s.writeRaw(Buffer.from('Subject: private words\r\n\r\nhello\r\n'));
  assert.equal((await s.command('.')).code, 250);
  await s.quit();
  const text = s.transcript.format().join('\n');
  assert.match(text, /bytes of message data sent/);
  assert.doesNotMatch(text, /private words/);
});

test('non-SMTP ports from Table 7: a TCP or TLS handshake is enough', async () => {
  const silent = await start(() => {});
  const tcp = await probeLocal('127.0.0.1', silent.port, 'tcp', { name: 'ldap' });
  assert.equal(tcp.outcome, 'open');
  assert.equal(tcp.greeting, undefined);
  const tlsSrv = await start((c) => c.startTls({ cert: fx.cert, key: fx.key }));
  const tls = await probeLocal('127.0.0.1', tlsSrv.port, 'tls', {
    host: 'mx.example.test',
    name: 'imaps',
    trust: true,
  });
  assert.equal(tls.outcome, 'open');
  assert.equal(tls.tls?.chainVerified, true);
});
