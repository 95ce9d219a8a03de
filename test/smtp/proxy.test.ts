// SMTP sessions through a SOCKS5 proxy (--proxy): plain, STARTTLS and TLS on connect over the
// tunnel with certificates verified as usual, and every way the proxy can fail named as the
// proxy's failure (never the mail server's), bounded by the connect timeout.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { ehloCheck } from '../../src/checks/ehlo/index.js';
import { probeAddress } from '../../src/checks/probe/address.js';
import { recordFinding } from '../../src/checks/probe/judge.js';
import type { PortKind } from '../../src/checks/probe/ports.js';
import { parseProxyUrl, type SocksProxy } from '../../src/smtp/proxy-url.js';
import { SmtpSession, timeoutsFromSeconds } from '../../src/smtp/session.js';
import { isProxyError, type ProxyError } from '../../src/smtp/socks5-connect.js';
import { replay, type Script, scriptedServers } from '../helpers/fake-smtp.js';
import { type Socks5Options, type Socks5Server, startSocks5 } from '../helpers/socks5-server.js';
import { makeTlsFixture, type TlsFixture } from './tls-fixture.js';

let fx: TlsFixture;
const servers = scriptedServers();
const proxies: Socks5Server[] = [];
const hostile: { srv: Server; sockets: Set<Socket> }[] = [];
before(() => {
  fx = makeTlsFixture(['mx.example.test']);
});
after(async () => {
  await servers.closeAll();
  await Promise.all(proxies.map((p) => p.close()));
  for (const h of hostile) {
    for (const s of h.sockets) s.destroy();
    h.srv.close();
  }
  fx?.cleanup();
});
const timeouts = timeoutsFromSeconds(1.5);
const PASSWORD = 'pr0xy-s3cret';

async function socks(opts: Socks5Options = {}): Promise<Socks5Server> {
  const p = await startSocks5(opts);
  proxies.push(p);
  return p;
}

/** A "proxy" that sends whatever `answer` writes to each connection. */
async function hostileProxy(answer: (s: Socket) => void): Promise<SocksProxy> {
  const sockets = new Set<Socket>();
  const srv = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    answer(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  hostile.push({ srv, sockets });
  const a = srv.address();
  return parseProxyUrl(`socks5://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
}

const smtps = (): Script => (c) => {
  c.startTls({ cert: fx.cert, key: fx.key });
  return replay({ greeting: '220 mx.example.test ESMTP Postfix' })(c);
};

async function connectVia(
  proxy: SocksProxy,
  port: number,
  extra: Partial<ConstructorParameters<typeof SmtpSession>[0]> = {},
) {
  const s = new SmtpSession({
    host: '127.0.0.1',
    port,
    servername: 'mx.example.test',
    timeouts,
    proxy,
    ...extra,
  });
  return s;
}

test('plain SMTP through a no-auth proxy: greeting, EHLO, the proxy saw the mail server', async () => {
  const srv = await start(replay({ greeting: '220 mx.example.test ESMTP' }));
  const p = await socks();
  const s = await connectVia(parseProxyUrl(p.url()), srv.port);
  try {
    await s.connect();
    assert.equal((await s.greeting()).code, 220);
    assert.equal((await s.ehlo('client.example.net')).code, 250);
    await s.quit();
  } finally {
    s.close();
  }
  assert.deepEqual(p.requests, [`127.0.0.1:${srv.port}`]);
  const notes = s.transcript.format().join('\n');
  assert.match(notes, new RegExp(`through the SOCKS proxy socks5://127\\.0\\.0\\.1:${p.port}`));
});

test('STARTTLS over the tunnel: certificate verified for the server name, as without a proxy', async () => {
  const srv = await start(
    replay({ greeting: '220 mx.example.test ESMTP', tls: { cert: fx.cert, key: fx.key } }),
  );
  const p = await socks({ auth: { user: 'alice', pass: PASSWORD } });
  const s = await connectVia(parseProxyUrl(p.url(`alice:${PASSWORD}`)), srv.port, { tls: { ca: fx.ca } });
  try {
    await s.connect();
    await s.greeting();
    await s.ehlo('client.example.net');
    assert.equal((await s.starttls()).code, 220);
    assert.equal(s.tls?.chainVerified, true);
    assert.equal(s.tls?.validForHost, true);
    await s.quit();
  } finally {
    s.close();
  }
  assert.deepEqual(p.logins, [{ user: 'alice', ok: true }]);
  assert.ok(!s.transcript.format().join('\n').includes(PASSWORD));
});

test('STARTTLS over the tunnel with an untrusted certificate: not verified (unchanged)', async () => {
  const srv = await start(
    replay({ greeting: '220 mx.example.test ESMTP', tls: { cert: fx.cert, key: fx.key } }),
  );
  const p = await socks();
  const s = await connectVia(parseProxyUrl(p.url()), srv.port);
  try {
    await s.connect();
    await s.greeting();
    await s.ehlo('client.example.net');
    await s.starttls();
    assert.equal(s.tls?.chainVerified, false);
  } finally {
    s.close();
  }
});

test('TLS on connect (465-style) through the proxy: probe and ehlo see the verified certificate', async () => {
  const srv = await start(smtps());
  const p = await socks();
  const proxy = parseProxyUrl(p.url());
  const rec = await probeAddress(
    { host: 'mx.example.test', address: '127.0.0.1', port: spec(srv.port, 'smtps') },
    { timeouts, tls: { ca: fx.ca }, proxy },
  );
  assert.equal(rec.outcome, 'open', JSON.stringify(rec.error));
  assert.equal(rec.tls?.chainVerified, true);
  assert.equal(rec.proxy, `socks5://127.0.0.1:${p.port}`);
  const f = recordFinding(rec, 'fail', 1.5);
  assert.equal(f.id, 'probe.open');
  assert.equal((f.data as { proxy?: string }).proxy, `socks5://127.0.0.1:${p.port}`);
  const e = await ehloCheck(
    { host: 'mx.example.test', addresses: ['127.0.0.1'] },
    {
      port: srv.port,
      timeouts,
      implicitTls: true,
      tls: { ca: fx.ca },
      heloName: 'client.example.net',
      proxy,
    },
  );
  assert.equal(e.data.tls?.chainVerified, true);
  assert.equal(e.data.proxy, `socks5://127.0.0.1:${p.port}`);
});

test('every SOCKS reply code 0x01-0x08: a ProxyError naming the proxy and the reply, not the server', async () => {
  const srv = await start(replay());
  for (let code = 1; code <= 8; code++) {
    const p = await socks({ refuse: code });
    const s = await connectVia(parseProxyUrl(p.url()), srv.port);
    await assert.rejects(s.connect(), (e: ProxyError) => {
      assert.ok(isProxyError(e));
      assert.equal(e.code, 'proxy');
      assert.equal(e.stage, 'target');
      assert.equal(e.reply, code);
      assert.match(
        e.message,
        new RegExp(
          `SOCKS proxy socks5://127\\.0\\.0\\.1:${p.port} could not connect to 127\\.0\\.0\\.1 port ${srv.port}: .*0x0${code}`,
        ),
      );
      return true;
    });
    s.close();
  }
});

test('probe through a proxy that refuses (0x05): probe.proxy-error, unknown, never "refused"', async () => {
  const p = await socks({ refuse: 5 });
  const rec = await probeAddress(
    { host: 'mx.example.test', address: '127.0.0.1', port: spec(25, 'smtp') },
    { timeouts, proxy: parseProxyUrl(p.url()) },
  );
  assert.equal(rec.outcome, 'proxy-error');
  assert.equal(rec.error?.socksReply, 5);
  const f = recordFinding(rec, 'fail', 1.5);
  assert.equal(f.id, 'probe.proxy-error');
  assert.equal(f.severity, 'unknown');
  assert.match(f.detail, /proxy's failure, not the mail server's/);
  assert.match(f.fix, /what the proxy saw/);
});

test('wrong proxy password: refused at the auth stage, the password in no message', async () => {
  const p = await socks({ auth: { user: 'alice', pass: PASSWORD } });
  const s = await connectVia(parseProxyUrl(p.url('alice:wrong-one')), 25);
  await assert.rejects(s.connect(), (e: ProxyError) => {
    assert.equal(e.stage, 'auth');
    assert.match(e.message, /refused the user name and password/);
    assert.ok(!e.message.includes('wrong-one'));
    return true;
  });
  assert.deepEqual(p.logins, [{ user: 'alice', ok: false }]);
  assert.ok(!s.transcript.format().join('\n').includes('wrong-one'));
});

test('a proxy that wants a password when none was given says so', async () => {
  const p = await socks({ auth: { user: 'alice', pass: PASSWORD } });
  const s = await connectVia(parseProxyUrl(p.url()), 25);
  await assert.rejects(s.connect(), /requires authentication: give socks5:\/\/user:password@host:port/);
});

test('proxy not listening: "could not reach the SOCKS proxy", not the mail server', async () => {
  const p = await socks();
  const url = p.url();
  await p.close();
  const s = await connectVia(parseProxyUrl(url), 25);
  await assert.rejects(s.connect(), (e: ProxyError) => {
    assert.equal(e.stage, 'connect');
    assert.match(
      e.message,
      /^could not reach the SOCKS proxy socks5:\/\/127\.0\.0\.1:\d+: connection refused/,
    );
    return true;
  });
});

for (const stall of ['greeting', 'connect'] as const) {
  test(`a proxy that accepts and then stalls (${stall}): ends within the connect timeout`, {
    timeout: 15_000,
  }, async () => {
    const p = await socks({ stall });
    const s = await connectVia(parseProxyUrl(p.url()), 25, { timeouts: { ...timeouts, connect: 500 } });
    await assert.rejects(s.connect(), (e: ProxyError) => {
      assert.ok(isProxyError(e));
      assert.match(e.message, /did not complete the SOCKS5 handshake within the 500 ms connect timeout/);
      return true;
    });
    assert.ok(s.closed);
  });
}

test('hostile proxies: endless bytes, wrong version, an HTTP proxy — bounded protocol errors', {
  timeout: 15_000,
}, async () => {
  const answers: [(s: Socket) => void, RegExp][] = [
    [(s) => s.write(Buffer.alloc(64 * 1024, 5)), /more than the 2-byte method choice/],
    [(s) => s.write(Buffer.from([4, 0])), /SOCKS version 4/],
    [(s) => s.write('HTTP/1.1 400 Bad Request\r\n\r\n'), /broke the SOCKS5 protocol/],
    [(s) => s.end(), /closed the connection during the SOCKS handshake|failed during the SOCKS handshake/],
    [
      (s) =>
        s.once('data', () => {
          s.write(Buffer.from([5, 0]));
          s.once('data', () =>
            s.write(Buffer.concat([Buffer.from([5, 0, 0, 3, 255]), Buffer.alloc(300, 0x41)])),
          );
        }),
      /./, // a 255-byte bound name is valid; the rest is the "server's" greeting garbage
    ],
  ];
  for (const [answer, re] of answers) {
    const proxy = await hostileProxy(answer);
    const s = await connectVia(proxy, 25);
    try {
      await s.connect();
      await assert.rejects(s.greeting());
    } catch (e) {
      assert.match((e as Error).message, re);
    } finally {
      s.close();
    }
  }
});

test('socks5h: the name goes to the proxy, which resolves it', async () => {
  const srv = await start(replay({ greeting: '220 mx.example.test ESMTP' }));
  const p = await socks({ names: { 'mx.example.test': '127.0.0.1' } });
  const s = new SmtpSession({
    host: 'mx.example.test',
    port: srv.port,
    timeouts,
    proxy: parseProxyUrl(p.url().replace('socks5:', 'socks5h:')),
  });
  try {
    await s.connect();
    assert.equal((await s.greeting()).code, 220);
  } finally {
    s.close();
  }
  assert.deepEqual(p.requests, [`mx.example.test:${srv.port}`]);
});

function spec(port: number, kind: PortKind) {
  return { port, name: kind, kind, description: '', ref: '' };
}

function start(script: Script) {
  return servers.start(script);
}
