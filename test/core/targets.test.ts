// One target parser for every command: host, IPv4, [IPv6], IPv6, host:port, [IPv6]:port and
// user@domain; anything else is a one-line usage error naming the bad part, before any DNS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameProblem, parseTarget } from '../../src/dns/parse-target.js';
import { UsageError } from '../../src/findings/errors.js';
import { runCli } from '../helpers/cli.js';
import { startFakeDns } from '../helpers/fake-dns.js';

const ZWJ = 'x\u200dy.example.test';
const LONG_LABEL = `xn--${'a'.repeat(70)}.example.test`;
const LONG_NAME = Array(5).fill('a'.repeat(60)).join('.');
const LONG_IDN = `${'ü'.repeat(60)}.example.test`; // 66 octets as an A-label

test('what parses, and into what', () => {
  const ok: [string, object][] = [
    ['mail.example.test', { host: 'mail.example.test', kind: 'name' }],
    ['mail.example.test.', { host: 'mail.example.test.', kind: 'name' }],
    ['mail.example.test:587', { host: 'mail.example.test', port: 587, kind: 'name' }],
    ['192.0.2.25', { host: '192.0.2.25', kind: 'ip' }],
    ['192.0.2.25:2525', { host: '192.0.2.25', port: 2525, kind: 'ip' }],
    ['2001:db8::25', { host: '2001:db8::25', kind: 'ip' }],
    ['[2001:db8::25]', { host: '2001:db8::25', kind: 'ip' }],
    ['[2001:db8::25]:465', { host: '2001:db8::25', port: 465, kind: 'ip' }],
    ['[IPv6:2001:db8::25]', { host: '2001:db8::25', kind: 'ip' }],
    ['postmaster@example.test', { host: 'example.test', kind: 'name' }],
    ['user@[192.0.2.25]', { host: '192.0.2.25', kind: 'ip' }],
    ['bücher.example', { host: 'bücher.example', kind: 'name' }],
    ['_dmarc.example.test', { host: '_dmarc.example.test', kind: 'name' }],
  ];
  for (const [input, want] of ok)
    assert.deepEqual(parseTarget(input, { port: true, email: true }), want, input);
});

test('each bad target is refused with the bad part named', () => {
  const bad: [string, RegExp][] = [
    ['host:-1', /"host:-1" has the port "-1"; a port is a number from 1 to 65535/],
    ['host:abc', /has the port "abc"/],
    ['host:0', /has the port "0"/],
    ['host:65536', /has the port "65536"/],
    ['host:', /has ":" but no port/],
    [':25', /names no host before ":"/],
    ['host:25:25', /is neither an IPv6 address nor host:port/],
    ['http://x.example.test', /is a URL; give the host alone \(x\.example\.test\)/],
    ['smtp://x.example.test:25', /is a URL/],
    ['nobody@', /names no host after "@"/],
    ['[192.0.2]:25', /has "\[192\.0\.2\]", which is not an IP address/],
    ['[::1]25', /has "25" after "\]"/],
    ['bad..name', /"bad\.\.name" is not a host name: it has an empty label/],
    [
      ZWJ,
      /"x\\u\{200d\}y\.example\.test" is not a host name: it contains the invisible or control character U\+200D/,
    ],
    [LONG_LABEL, /has a label of 74 octets \("xn--a+…"\); DNS allows 63/],
    [LONG_IDN, /has a label of 66 octets \("xn--/],
    [LONG_NAME, /is 304 octets long; a DNS name is at most 253/],
    ['-foo.example.test', /label starting or ending with a hyphen \("-foo"\)/],
    ['exa$mple.test', /has "\$" in the label "exa\$mple"/],
    ['256.1.1.1', /looks like an IPv4 address but is not one/],
    ['a b.example.test', /invisible or control character U\+0020|has " "/],
    ['', /is empty/],
  ];
  for (const [input, want] of bad)
    assert.throws(
      () => parseTarget(input, { port: true, email: true }),
      (e: Error) => {
        assert.ok(e instanceof UsageError, input);
        assert.match(e.message, want, input);
        return true;
      },
    );
  assert.throws(
    () => parseTarget('example.test:25', { label: 'domain' }),
    /domain "example\.test:25" has a port/,
  );
  assert.throws(() => parseTarget('a\r\nRCPT TO:<x>'), /CR, LF or NUL/);
  assert.equal(nameProblem('example.test'), undefined);
});

test('every command refuses a bad target with one line, exit 3, and asks DNS nothing', {
  timeout: 60_000,
}, async (t) => {
  const dns = await startFakeDns(() => []);
  t.after(() => dns.stop());
  const net = ['--dns', dns.server, '--timeout', '1'];
  const runs: [string[], RegExp][] = [
    [['mx', ZWJ, ...net], /^mailflow mx: domain "x\\u\{200d\}y\.example\.test" is not a host name/],
    [['mx', LONG_IDN, ...net], /label of 66 octets/],
    [['mx', 'example.test:25', ...net], /has a port; give the domain alone/],
    [
      ['mx', '--', '-foo.example.test', ...net],
      /"-foo\.example\.test" is not a host name: it has a label starting/,
    ],
    [['probe', 'host:-1', ...net], /^mailflow probe: "host:-1" has the port "-1"/],
    [['probe', 'host:abc', ...net], /has the port "abc"/],
    [['probe', 'host:25:25', ...net], /neither an IPv6 address nor host:port/],
    [['probe', 'http://x', ...net], /is a URL/],
    [['ehlo', LONG_LABEL, ...net], /^mailflow ehlo: .*label of 74 octets/],
    [['relay', ZWJ, ...net], /^mailflow relay: .*U\+200D/],
    [['check', LONG_NAME, ...net], /^mailflow check: .*304 octets/],
    [['check', 'example.test:25', ...net], /has a port/],
    [
      ['check', 'example.test', '--control', 'smtp.example.test:abc', ...net],
      /--control "smtp\.example\.test:abc" has the port "abc"/,
    ],
    [
      ['send', '--server', 'host:25:25', '--from', 'a@example.test', '--to', 'b@example.test', ...net],
      /^mailflow send: --server "host:25:25" is neither/,
    ],
  ];
  for (const [args, want] of runs) {
    const r = await runCli(args);
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, want, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  assert.deepEqual(dns.queries, [], 'no question reached DNS');
});
