// Where `send` connects from and which name it verifies: --tls-name (the certificate name and SNI
// when connecting by address) and --local-address (the source address), against a scripted
// server on loopback.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type FakeConn, multiline, scriptedServers } from '../helpers/fake-smtp.js';
import { makeTlsFixture, type TlsFixture } from '../smtp/tls-fixture.js';

const servers = scriptedServers();
let fx: TlsFixture;
before(() => {
  fx = makeTlsFixture(['mx.example.test']);
});
after(async () => {
  await servers.closeAll();
  fx?.cleanup();
});

/** STARTTLS with a certificate for mx.example.test only; notes the client's address. */
function server(seen: { from?: string }) {
  return async (c: FakeConn) => {
    seen.from = c.socket.remoteAddress;
    c.send('220 mx.example.test ESMTP');
    let tls = false;
    for (let n = 0; n < 20; n++) {
      const line = await c.readLine();
      if (line === null) return;
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO')
        c.send(...multiline(250, ['mx.example.test', ...(tls ? [] : ['STARTTLS']), 'SIZE 100000']));
      else if (verb === 'STARTTLS') {
        c.send('220 2.0.0 go ahead');
        c.startTls({ cert: fx.cert, key: fx.key });
        tls = true;
      } else if (verb === 'QUIT') {
        c.send('221 bye');
        return c.end();
      } else c.send('250 ok');
    }
  };
}

/** The servers listen on 127.0.0.3: the test certificate names localhost, 127.0.0.1 and mx.example.test. */
const HOST = '127.0.0.3';

const send = (port: number, extra: string[]) =>
  runCli([
    'send',
    '--server',
    `${HOST}:${port}`,
    '--ca',
    fx.caFile,
    '--tls',
    '--from',
    'a@b.test',
    '--to',
    'c@d.test',
    '--quit-after',
    'tls',
    '--timeout',
    '5',
    '--json',
    ...extra,
  ]);

test('--tls-name: the certificate is checked against that name', async () => {
  const s = await servers.start(server({}), HOST);
  const r = await send(s.port, ['--tls-name', 'mx.example.test']);
  const [res] = jsonLines(r.stdout);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(res.data.tls.validForHost, true);
});

test('without --tls-name, a certificate for the name does not fit the address: send.tls-cert-name names it', async () => {
  const s = await servers.start(server({}), HOST);
  const r = await send(s.port, []);
  const [res] = jsonLines(r.stdout);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.equal(res.findings[0].id, 'send.tls-cert-name');
  assert.match(
    res.findings[0].detail,
    /not valid for 127\.0\.0\.3; it is for localhost, 127\.0\.0\.1, mx\.example\.test/,
  );
});

test('--local-address: the connection comes from that address', async () => {
  const seen: { from?: string } = {};
  const s = await servers.start(server(seen), HOST);
  const r = await send(s.port, ['--tls-name', 'mx.example.test', '--local-address', '127.0.0.2']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(seen.from?.replace(/^::ffff:/, ''), '127.0.0.2');
});

test('--local-address and --tls-name refuse what is not an address or a host name (exit 3)', async () => {
  const a = await send(1, ['--local-address', 'not-an-ip']);
  assert.equal(a.code, 3);
  assert.match(a.stderr, /--local-address "not-an-ip" is not an IP address/);
  const b = await send(1, ['--tls-name', 'bad name!']);
  assert.equal(b.code, 3);
  assert.match(b.stderr, /--tls-name .* is not a host name/);
});
