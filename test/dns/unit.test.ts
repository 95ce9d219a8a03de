// Pure parts of the DNS client: server specs, resolv.conf, address classes, reply checks, limiter.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as packet from 'dns-packet';
import {
  ipFamily,
  ipLiteralOf,
  reservedSuffix,
  reverseName,
  sameAddress,
  specialRange,
} from '../../src/dns/addr.js';
import { createResolver, splitHostPort } from '../../src/dns/index.js';
import { Limiter } from '../../src/dns/limit.js';
import { fromAdditional } from '../../src/dns/mx.js';
import { nameserverFrom, parseDnsServer, systemServer } from '../../src/dns/server.js';
import { decodeReply, encodeQuery, interpret } from '../../src/dns/wire.js';
import { notWireName, wireName } from '../../src/dns/wire-name.js';
import { UsageError } from '../../src/findings/errors.js';

test('server specs: ip, ip:port, [v6]:port, bare v6, DoH URLs', () => {
  assert.deepEqual(parseDnsServer('192.0.2.53'), {
    kind: 'udp',
    host: '192.0.2.53',
    port: 53,
    label: '192.0.2.53:53',
  });
  assert.equal(parseDnsServer('127.0.0.1:5353').label, '127.0.0.1:5353');
  assert.equal(parseDnsServer('[::1]:5353').label, '[::1]:5353');
  assert.equal(parseDnsServer('2001:db8::53').label, '[2001:db8::53]:53');
  assert.equal(parseDnsServer('dns.example').kind, 'udp');
  assert.equal(parseDnsServer('https://dns.example/dns-query').kind, 'doh');
  assert.equal(parseDnsServer('http://127.0.0.1:8053/dns-query').kind, 'doh');
  for (const bad of [
    'http://dns.example/dns-query',
    '1.2.3.4:0',
    '1.2.3.4:99999',
    '[1.2.3.4]:53',
    'bad host',
    '',
    // Mistyped addresses, not host names to look up.
    '300.1.1.1',
    '10.0.0',
    '1.2.3.4.5:53',
  ]) {
    assert.throws(() => parseDnsServer(bad), UsageError, bad);
  }
});

test('resolv.conf: first usable nameserver, 127.0.0.1 when none', (t) => {
  assert.equal(
    nameserverFrom('# c\nsearch x\nnameserver bogus\nnameserver 10.0.0.53 # main\nnameserver 10.0.0.54\n'),
    '10.0.0.53',
  );
  assert.equal(nameserverFrom('nameserver fe80::1%eth0\n'), 'fe80::1%eth0');
  assert.equal(nameserverFrom('domain x\n'), undefined);
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-resolv-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const empty = join(dir, 'resolv.conf');
  writeFileSync(empty, 'options ndots:1\n');
  assert.equal(systemServer(empty), '127.0.0.1');
  assert.equal(systemServer(join(dir, 'missing')), '127.0.0.1');
  assert.equal(createResolver({ resolvConfPath: empty }).server, '127.0.0.1:53');
});

test('address facts: literals, reverse names, special ranges, reserved suffixes', () => {
  assert.equal(ipLiteralOf('192.0.2.25'), '192.0.2.25');
  assert.equal(ipLiteralOf('[192.0.2.25]'), '192.0.2.25');
  assert.equal(ipLiteralOf('[IPv6:2001:db8::1]'), '2001:db8::1');
  assert.equal(ipLiteralOf('mail.example.com'), undefined);
  assert.equal(reverseName('192.0.2.25'), '25.2.0.192.in-addr.arpa');
  assert.equal(reverseName('::1'), `1.${'0.'.repeat(31)}ip6.arpa`);
  assert.equal(reverseName('2001:db8::567:89ab').slice(0, 16), 'b.a.9.8.7.6.5.0.');
  assert.ok(sameAddress('2001:db8::1', '2001:0db8:0:0::1'));
  assert.match(specialRange('10.1.2.3') ?? '', /RFC 1918/);
  assert.match(specialRange('172.31.255.1') ?? '', /RFC 1918/);
  assert.equal(specialRange('172.32.0.1'), undefined);
  assert.match(specialRange('127.0.0.1') ?? '', /loopback/);
  assert.match(specialRange('100.64.1.1') ?? '', /NAT/);
  assert.match(specialRange('fd00::1') ?? '', /unique local/);
  assert.match(specialRange('::ffff:192.168.1.1') ?? '', /RFC 1918/);
  assert.equal(specialRange('93.184.216.34'), undefined);
  assert.equal(specialRange('2a00:1450::1'), undefined);
  assert.equal(reservedSuffix('mail.corp.test'), 'test');
  assert.equal(reservedSuffix('example.com'), 'example.com');
  assert.equal(reservedSuffix('contoso.com'), undefined);
});

test('ipFamily: addresses by family; names and ip:port are neither', () => {
  const cases: [string, 0 | 4 | 6][] = [
    ['192.0.2.1', 4],
    ['2001:db8::1', 6],
    ['::1', 6],
    ['::', 6],
    ['::ffff:192.0.2.1', 6],
    ['fe80::1%eth0', 6],
    ['127.0.0.1:53', 0],
    ['mx.example.test', 0],
    ['dead:beef', 0],
    ['1.2.3', 0],
    ['2001:db8::g', 0],
    ['', 0],
  ];
  for (const [text, family] of cases) assert.equal(ipFamily(text), family, text);
});

test('host:port splitting for targets', () => {
  assert.deepEqual(splitHostPort('mail.example.com:587'), { host: 'mail.example.com', port: 587 });
  assert.deepEqual(splitHostPort('[::1]:25'), { host: '::1', port: 25 });
  assert.deepEqual(splitHostPort('::1'), { host: '::1' });
  assert.deepEqual(splitHostPort('example.com'), { host: 'example.com' });
});

test('replies must match ID, QR and question; CNAME chains and negative TTLs are read', () => {
  const q = encodeQuery('a.example', 'A', 4242);
  const dq = packet.decode(q);
  assert.equal(dq.id, 4242);
  assert.deepEqual(dq.questions, [{ name: 'a.example', type: 'A', class: 'IN' }]);
  assert.equal(dq.flag_rd, true);
  assert.equal(dq.flag_ad, true);
  const opt = dq.additionals?.[0] as { type: string; udpPayloadSize?: number };
  assert.equal(opt.type, 'OPT');
  assert.equal(opt.udpPayloadSize, 1232);
  for (const t of ['MX', 'TLSA', 'PTR', 'CAA', 'TXT'] as const) {
    assert.deepEqual(packet.decode(encodeQuery('_25._tcp.mx.example.', t, 1)).questions, [
      { name: '_25._tcp.mx.example', type: t, class: 'IN' },
    ]);
  }
  assert.equal(packet.decode(encodeQuery('.', 'NS', 1)).questions?.[0]?.name, '.');
  const good = packet.encode({
    type: 'response',
    id: 4242,
    flags: packet.AUTHORITATIVE_ANSWER,
    questions: [{ name: 'A.Example.', type: 'A', class: 'IN' }],
    answers: [
      { type: 'CNAME', name: 'a.example', ttl: 30, data: 'b.example' },
      { type: 'CNAME', name: 'b.example', ttl: 40, data: 'c.example' },
      { type: 'A', name: 'c.example', ttl: 20, data: '192.0.2.1' },
    ],
  });
  const d = decodeReply(good, 4242, 'a.example', 'A');
  assert.equal(d.kind, 'reply');
  if (d.kind !== 'reply') return;
  const r = interpret(d.msg, 'a.example', 'A');
  assert.deepEqual(r.cnameChain, ['b.example', 'c.example']);
  assert.equal(r.outcome, 'ok');
  assert.equal(r.ttl, 20);
  assert.equal(r.flags.aa, true);
  assert.equal(decodeReply(good, 4243, 'a.example', 'A').kind, 'mismatch');
  assert.equal(decodeReply(good, 4242, 'other.example', 'A').kind, 'mismatch');
  assert.equal(decodeReply(good, 4242, 'a.example', 'MX').kind, 'mismatch');
  assert.equal(decodeReply(q, 4242, 'a.example', 'A').kind, 'mismatch');
  assert.equal(decodeReply(Buffer.from('xx'), 4242, 'a.example', 'A').kind, 'malformed');
  assert.equal(decodeReply(good.subarray(0, good.length - 3), 4242, 'a.example', 'A').kind, 'malformed');
  // A compression pointer to itself must not loop.
  const loop = Buffer.from([0x10, 0x92, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
  assert.equal(decodeReply(loop, 4242, 'a.example', 'A').kind, 'malformed');
  const nx = packet.encode({
    type: 'response',
    id: 1,
    flags: 3,
    questions: [{ name: 'n.example', type: 'MX' }],
    authorities: [
      {
        type: 'SOA',
        name: 'example',
        ttl: 300,
        data: { mname: 'ns', rname: 'h', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 60 },
      },
    ],
  });
  const nd = decodeReply(nx, 1, 'n.example', 'MX');
  assert.equal(nd.kind, 'reply');
  if (nd.kind === 'reply') {
    const ni = interpret(nd.msg, 'n.example', 'MX');
    assert.equal(ni.outcome, 'nxdomain');
    assert.equal(ni.ttl, 60);
  }
});

test('a CNAME loop in one answer ends instead of spinning, as an error naming the loop', () => {
  const loop = packet.encode({
    type: 'response',
    id: 7,
    questions: [{ name: 'x.example', type: 'A' }],
    answers: [
      { type: 'CNAME', name: 'x.example', ttl: 1, data: 'y.example' },
      { type: 'CNAME', name: 'y.example', ttl: 1, data: 'x.example' },
    ],
  });
  const d = decodeReply(loop, 7, 'x.example', 'A');
  assert.equal(d.kind, 'reply');
  if (d.kind !== 'reply') return;
  const r = interpret(d.msg, 'x.example', 'A');
  assert.equal(r.outcome, 'error');
  assert.equal(r.error?.split(';')[0], 'CNAME loop: x.example → y.example → x.example');
});

test('the limiter never runs more than its maximum at once', async () => {
  const limiter = new Limiter(3);
  let running = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 20 }, () =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
      }),
    ),
  );
  assert.equal(peak, 3);
});

test('additional-section addresses: an authoritative complete answer settles both families', () => {
  const rec = (name: string, type: string, value: string) => ({ name, type, ttl: 300, value });
  const extra = [rec('mx.example', 'A', '192.0.2.1'), rec('other.example', 'AAAA', '2001:db8::1')];
  const aa = { aa: true, tc: false };
  // RFC 3596 §3: the server would have added AAAA too, so none exists.
  assert.deepEqual(fromAdditional(extra, 'mx.example', aa), { v4: ['192.0.2.1'], v6: [] });
  // A recursive resolver's additional section is only what it had cached: AAAA must be asked.
  assert.deepEqual(fromAdditional(extra, 'mx.example', { aa: false, tc: false }), { v4: ['192.0.2.1'] });
  assert.deepEqual(fromAdditional(extra, 'mx.example', { aa: true, tc: true }), { v4: ['192.0.2.1'] });
  // Nothing about the host at all (minimal responses, or out of zone): both families are asked.
  assert.deepEqual(fromAdditional(extra, 'mx2.example', aa), {});
});

test('a chain longer than 16 aliases in one answer is an error naming the limit', () => {
  const answers = Array.from({ length: 30 }, (_, i) => ({
    type: 'CNAME' as const,
    name: `c${i}.example`,
    ttl: 1,
    data: `c${i + 1}.example`,
  }));
  const buf = packet.encode({
    type: 'response',
    id: 9,
    questions: [{ name: 'c0.example', type: 'MX' }],
    answers,
  });
  const d = decodeReply(buf, 9, 'c0.example', 'MX');
  assert.equal(d.kind, 'reply');
  if (d.kind !== 'reply') return;
  const r = interpret(d.msg, 'c0.example', 'MX');
  assert.equal(r.outcome, 'error');
  assert.match(r.error ?? '', /^CNAME chain of more than 16 aliases \(c0\.example → c1\.example/);
  assert.equal(r.cnameChain.length, 16);
});

test('a name with a dot inside a label (escaped by the decoder) is no wire name, and says why', () => {
  assert.equal(wireName('mail1\\.example\\.test.example.org'), undefined);
  assert.equal(wireName('mail1.example.test.example.org'), 'mail1.example.test.example.org');
  assert.equal(
    notWireName('mail1\\.example\\.test.example.org'),
    "'mail1\\.example\\.test.example.org' cannot be a host name: its label 'mail1.example.test' has a dot inside it (one label, not 3); asking for it would ask for a different name, so it was not looked up",
  );
});
