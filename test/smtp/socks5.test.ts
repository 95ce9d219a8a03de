// SOCKS5 messages as bytes (RFC 1928, RFC 1929) and the --proxy URL, without sockets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { UsageError } from '../../src/findings/errors.js';
import { parseProxyUrl } from '../../src/smtp/proxy-url.js';
import {
  encodeConnect,
  encodeGreeting,
  encodeUserPass,
  MAX_CONNECT_REPLY,
  parseAuthReply,
  parseConnectReply,
  parseMethodChoice,
  SOCKS_REPLIES,
  SocksMethodError,
  SocksProtocolError,
  SocksReplyError,
  socksReplyText,
} from '../../src/smtp/socks5.js';

const b = (...n: number[]) => Buffer.from(n);

test('greeting offers user/password only with credentials', () => {
  assert.deepEqual(encodeGreeting(false), b(5, 1, 0));
  assert.deepEqual(encodeGreeting(true), b(5, 2, 0, 2));
});

test('method choice: exact size, version 5, an offered method', () => {
  assert.equal(parseMethodChoice(b(5, 0), false), 0);
  assert.equal(parseMethodChoice(b(5, 2), true), 2);
  assert.throws(() => parseMethodChoice(b(5, 2), false), SocksProtocolError); // not offered
  assert.throws(() => parseMethodChoice(b(4, 0), false), /SOCKS version 4/);
  assert.throws(() => parseMethodChoice(b(5, 0, 0), false), /3 bytes instead of 2/);
  assert.throws(() => parseMethodChoice(b(5, 0xff), false), SocksMethodError);
  assert.throws(() => parseMethodChoice(b(5, 0xff), false), /requires authentication/);
});

test('user/password request and verdict (RFC 1929)', () => {
  assert.deepEqual(encodeUserPass('u', 'pw'), b(1, 1, 0x75, 2, 0x70, 0x77));
  assert.throws(() => encodeUserPass('', 'pw'), /1 to 255 bytes/);
  assert.throws(() => encodeUserPass('u', 'x'.repeat(256)), /1 to 255 bytes/);
  assert.equal(parseAuthReply(b(1, 0)), true);
  assert.equal(parseAuthReply(b(1, 1)), false);
  assert.throws(() => parseAuthReply(b(1)), /1 bytes instead of 2/);
});

test('CONNECT to IPv4, IPv6 and a name (socks5h)', () => {
  assert.deepEqual(encodeConnect('192.0.2.25', 25), b(5, 1, 0, 1, 192, 0, 2, 25, 0, 25));
  const v6 = encodeConnect('2001:db8::25', 587);
  assert.deepEqual(v6.subarray(0, 4), b(5, 1, 0, 4));
  assert.equal(v6.subarray(4, 20).toString('hex'), '20010db8000000000000000000000025');
  assert.equal(v6.readUInt16BE(20), 587);
  assert.equal(
    encodeConnect('::ffff:192.0.2.1', 25).subarray(4, 20).toString('hex'),
    '00000000000000000000ffffc0000201',
  );
  assert.deepEqual(
    encodeConnect('mx.example', 25),
    Buffer.concat([b(5, 1, 0, 3, 10), Buffer.from('mx.example'), b(0, 25)]),
  );
  assert.throws(() => encodeConnect('a'.repeat(256), 25), /256 bytes/);
  assert.throws(() => encodeConnect('192.0.2.1', 0), /out of range/);
});

test('CONNECT reply: incomplete, success with the rest, every failure code named', () => {
  assert.deepEqual(parseConnectReply(b(5)), { need: 2 });
  assert.deepEqual(parseConnectReply(b(5, 0, 0)), { need: 5 });
  assert.deepEqual(parseConnectReply(b(5, 0, 0, 1, 127, 0)), { need: 10 });
  const ok = Buffer.concat([b(5, 0, 0, 1, 127, 0, 0, 1, 0x04, 0x38), Buffer.from('220 hi\r\n')]);
  assert.deepEqual(parseConnectReply(ok), { bytes: 10, bound: '127.0.0.1:1080' });
  const named = Buffer.concat([b(5, 0, 0, 3, 3), Buffer.from('a\nb'), b(0, 1)]);
  assert.deepEqual(parseConnectReply(named), { bytes: 10, bound: 'a?b:1' });
  for (let code = 1; code <= 8; code++) {
    assert.ok(SOCKS_REPLIES[code], `no text for ${code}`);
    assert.throws(
      () => parseConnectReply(b(5, code, 0, 1, 0, 0, 0, 0, 0, 0)),
      (e: unknown) => e instanceof SocksReplyError && e.reply === code && e.message.includes(`0x0${code}`),
    );
  }
  assert.match(socksReplyText(0x05), /refused.*SOCKS reply 0x05/);
  assert.match(socksReplyText(0x42), /unassigned/);
  assert.throws(() => parseConnectReply(b(4, 0)), /version 4/);
  assert.throws(() => parseConnectReply(b(5, 0, 0, 9, 0)), /address type 9/);
  assert.equal(MAX_CONNECT_REPLY, 262);
});

test('--proxy URL: schemes, defaults, credentials kept out of every printed form', () => {
  const p = parseProxyUrl('socks5://alice:s%40cret@127.0.0.1:1081');
  assert.equal(p.label, 'socks5://127.0.0.1:1081');
  assert.equal(p.username, 'alice');
  assert.equal(p.password, 's@cret');
  assert.equal(JSON.stringify({ p }), '{"p":"socks5://127.0.0.1:1081"}');
  assert.equal(String(p), 'socks5://127.0.0.1:1081');
  assert.ok(!inspect(p).includes('cret'));
  assert.ok(!inspect({ p }, { showHidden: true }).includes('cret'));
  assert.equal(parseProxyUrl('socks5://proxy.example').port, 1080);
  assert.equal(parseProxyUrl('SOCKS5H://[::1]:9050').label, 'socks5h://[::1]:9050');
  assert.equal(parseProxyUrl('socks5h://[::1]:9050').remoteDns, true);
  assert.equal(parseProxyUrl('socks5://[::1]:9050').host, '::1');
});

test('--proxy URL: a user name without a password takes MAILFLOW_PROXY_PASSWORD', () => {
  const p = parseProxyUrl('socks5://alice@127.0.0.1:1081', 'from-env');
  assert.equal(p.password, 'from-env');
  assert.equal(p.label, 'socks5://127.0.0.1:1081');
  // A password in the URL wins; no user name, no password.
  assert.equal(parseProxyUrl('socks5://alice:url@h', 'from-env').password, 'url');
  assert.equal(parseProxyUrl('socks5://h', 'from-env').hasCredentials, false);
});

test('--proxy URL: usage errors that never quote the password', () => {
  const bad: [string, RegExp][] = [
    ['http://u:hunter2@proxy:3128', /HTTP proxies are not supported/],
    ['https://proxy:3128', /HTTPS proxies are not supported/],
    ['socks4://proxy:1080', /SOCKS4 is not supported/],
    ['socks://proxy', /which SOCKS version/],
    ['ftp://proxy', /ftp:\/\/ is not supported/],
    ['proxy:1080', /must be a URL/],
    ['socks5://u:hunter2@proxy:99999', /not a valid URL|port/],
    ['socks5://u:hunter2@proxy:1080/path', /no path/],
    ['socks5://u:hunter2@proxy:1080?x=1', /no path, query/],
    ['socks5://u@proxy:1080', /no password: .*MAILFLOW_PROXY_PASSWORD/],
    ['socks5://u:@proxy:1080', /no password/],
    ['socks5://u:%E0%A4%A@proxy', /bad %-escape/],
    ['socks5://:1080', /valid URL|needs a host/],
  ];
  for (const [raw, re] of bad) {
    assert.throws(
      () => parseProxyUrl(raw),
      (e: unknown) => e instanceof UsageError && re.test(e.message) && !e.message.includes('hunter2'),
      raw,
    );
  }
});
