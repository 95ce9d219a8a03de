// The reply decoder (dns-packet, walked with mailflow's checks): the records in mailflow's shapes
// for every record type mailflow reads; and cut-off, inconsistent or looping packets are errors, not
// hangs, and names chained through more compression pointers than any encoder writes are refused.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as packet from 'dns-packet';
import { decodeMessage } from '../../src/dns/codec.js';
import { decodeReply } from '../../src/dns/wire.js';
import { hostileTest } from '../helpers/hostile.js';
import {
  chainedAnswers,
  chainedQuestions,
  compressedMx,
  pointerPerLabel,
} from '../helpers/pointer-chains.js';

const soa = {
  mname: 'ns.example',
  rname: 'host.master.example',
  serial: 7,
  refresh: 1,
  retry: 2,
  expire: 3,
  minimum: 60,
};

function reply(answers: packet.Answer[], extra: Partial<packet.Packet> = {}): Buffer {
  return packet.encode({
    type: 'response',
    id: 513,
    flags: packet.AUTHORITATIVE_ANSWER | packet.AUTHENTIC_DATA | packet.RECURSION_DESIRED,
    questions: [{ name: 'Q.Example', type: 'MX', class: 'IN' }],
    answers,
    ...extra,
  });
}

test('decoded records match dns-packet for every type mailflow reads', () => {
  const buf = reply(
    [
      { type: 'MX', name: 'q.example', ttl: 300, data: { preference: 10, exchange: 'MX1.Example' } },
      { type: 'MX', name: 'q.example', ttl: 300, data: { preference: 0, exchange: '.' } },
      { type: 'A', name: 'mx1.example', ttl: 60, data: '192.0.2.1' },
      { type: 'AAAA', name: 'mx1.example', ttl: 60, data: '2001:db8::1' },
      { type: 'AAAA', name: 'mx1.example', ttl: 60, data: '2001:db8:0:1:0:0:0:1' },
      { type: 'AAAA', name: 'mx1.example', ttl: 60, data: '::' },
      { type: 'CNAME', name: 'w.example', ttl: 5, data: 'Q.example' },
      { type: 'PTR', name: '1.2.0.192.in-addr.arpa', ttl: 5, data: 'mx1.example' },
      { type: 'TXT', name: 'q.example', ttl: 5, data: ['v=spf1 ', '-all'] },
      {
        type: 'TLSA',
        name: '_25._tcp.mx1.example',
        ttl: 5,
        data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from('c0ffee', 'hex') },
      },
      {
        type: 'SRV',
        name: '_x._tcp.q.example',
        ttl: 5,
        data: { priority: 1, weight: 2, port: 25, target: 'mx1.example' },
      },
      { type: 'NS', name: 'q.example', ttl: 5, data: 'ns.example' },
      { type: 'SOA', name: 'example', ttl: 7, data: soa },
    ],
    {
      authorities: [{ type: 'SOA', name: 'example', ttl: 120, data: soa }],
      additionals: [
        { type: 'A', name: 'ns.example', ttl: 9, data: '192.0.2.53' },
        { type: 'OPT', name: '.', udpPayloadSize: 1232 } as packet.Answer,
      ],
    },
  );
  const m = decodeMessage(buf);
  assert.equal(m.id, 513);
  assert.deepEqual([m.qr, m.aa, m.tc, m.rd, m.ad, m.rcode], [true, true, false, true, true, 'NOERROR']);
  // Names in mailflow's form: lower case (DNS names compare without case).
  assert.deepEqual(m.questions, [{ name: 'q.example', type: 'MX', qclass: 1 }]);
  const values = m.answers.map((r) => [r.name, r.type, r.ttl, r.value]);
  const theirs = packet.decode(buf).answers!.map((a) => {
    const d = (a as { data: unknown }).data;
    return a.type === 'AAAA' || a.type === 'A' ? d : null;
  });
  assert.deepEqual(
    values.filter((v) => v[1] === 'A' || v[1] === 'AAAA').map((v) => v[3]),
    theirs.filter((v) => v !== null),
    'addresses written as dns-packet writes them',
  );
  assert.deepEqual(values, [
    ['q.example', 'MX', 300, '10 mx1.example'],
    ['q.example', 'MX', 300, '0 .'],
    ['mx1.example', 'A', 60, '192.0.2.1'],
    ['mx1.example', 'AAAA', 60, '2001:db8::1'],
    ['mx1.example', 'AAAA', 60, '2001:db8:0:1::1'],
    ['mx1.example', 'AAAA', 60, '::'],
    ['w.example', 'CNAME', 5, 'q.example'],
    ['1.2.0.192.in-addr.arpa', 'PTR', 5, 'mx1.example'],
    ['q.example', 'TXT', 5, 'v=spf1 -all'],
    ['_25._tcp.mx1.example', 'TLSA', 5, '3 1 1 c0ffee'],
    ['_x._tcp.q.example', 'SRV', 5, '1 2 25 mx1.example'],
    ['q.example', 'NS', 5, 'ns.example'],
    ['example', 'SOA', 7, 'ns.example host.master.example 7 1 2 3 60'],
  ]);
  assert.deepEqual(m.answers[0]!.exchange, 'mx1.example');
  assert.deepEqual(m.answers[1]!.exchange, '.');
  assert.deepEqual(m.answers[8]!.txt, ['v=spf1 ', '-all']);
  assert.deepEqual(m.answers[9]!.tlsa, { usage: 3, selector: 1, matchingType: 1, data: 'c0ffee' });
  // Of the authority section only the first SOA's numbers are kept (negative caching).
  assert.deepEqual(m.soa, { ttl: 120, minimum: 60 });
  assert.deepEqual(
    m.additionals.map((r) => r.type),
    ['A'],
    'the OPT pseudo-record is not a record',
  );
});

test('rcodes, and packets cut off anywhere are errors', { timeout: 10_000 }, () => {
  const nx = packet.encode({
    type: 'response',
    id: 1,
    flags: 3,
    questions: [{ name: 'n.example', type: 'A' }],
  });
  assert.equal(decodeMessage(nx).rcode, 'NXDOMAIN');
  const full = reply([
    { type: 'MX', name: 'q.example', ttl: 1, data: { preference: 1, exchange: 'mx.q.example' } },
  ]);
  for (let len = 0; len < full.length; len++) {
    assert.throws(() => decodeMessage(full.subarray(0, len)), `cut at ${len} bytes`);
  }
  // Pointers must point backwards: to itself, or forwards, is an error (no loop).
  const self = Buffer.from([0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
  assert.throws(() => decodeMessage(self), /pointer/);
  const ahead = Buffer.from([0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 14, 0, 0, 1, 0, 1]);
  assert.throws(() => decodeMessage(ahead), /pointer/);
  // Claims of 65,535 records in a short packet end at the packet's end.
  const lies = Buffer.from([0, 1, 0x81, 0x80, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  assert.throws(() => decodeMessage(lies), /cut off/);
});

/** The reply above with one MX record whose exchanger name is `label` as a single label. */
function oneLabelExchanger(label: string): Buffer {
  const stand = 'x'.repeat(Buffer.byteLength(label));
  const buf = reply([{ type: 'MX', name: 'q.example', ttl: 1, data: { preference: 10, exchange: stand } }]);
  buf.write(label, buf.indexOf(stand));
  return buf;
}

test('a label holding a dot comes out escaped, never as the name with more labels', () => {
  const m = decodeMessage(oneLabelExchanger('mail1.example.test'));
  assert.equal(m.answers[0]!.exchange, 'mail1\\.example\\.test');
  assert.equal(m.answers[0]!.value, '10 mail1\\.example\\.test');
  // Owner names and questions too: a record for the one-label name does not answer the other.
  const owner = reply([{ type: 'A', name: 'xxxxx', ttl: 1, data: '192.0.2.1' }]);
  owner.write('a.b.c', owner.indexOf('xxxxx'));
  assert.equal(decodeMessage(owner).answers[0]!.name, 'a\\.b\\.c');
});

test('record data must fill its RDLENGTH exactly; dns-packet is not left to read on', {
  timeout: 10_000,
}, () => {
  const two = (type: packet.RecordType, data: unknown) =>
    reply([
      { type, name: 'q.example', ttl: 1, data } as packet.Answer,
      { type: 'A', name: 'q.example', ttl: 1, data: '192.0.2.2' },
    ]);
  // An A record claiming 2 bytes: dns-packet would read 4, two of them from the next record.
  const a = two('A', '192.0.2.1');
  const rdlen = a.indexOf(Buffer.from([192, 0, 2, 1])) - 2;
  assert.equal(a.readUInt16BE(rdlen), 4);
  a.writeUInt16BE(2, rdlen);
  assert.throws(() => decodeMessage(a), /does not match its length/);
  a.writeUInt16BE(5, rdlen);
  assert.throws(() => decodeMessage(a), /does not match its length|cut off/);
  // An MX whose name runs past its data.
  const mx = two('MX', { preference: 1, exchange: 'mx.q.example' });
  const mxLen = mx.indexOf(Buffer.from('\x02mx')) - 4;
  mx.writeUInt16BE(mx.readUInt16BE(mxLen) - 3, mxLen);
  assert.throws(() => decodeMessage(mx), /does not fill|cut off|decode/);
  // TXT strings longer than the record.
  const txt = two('TXT', ['abc']);
  txt[txt.indexOf('abc') - 1] = 200;
  assert.throws(() => decodeMessage(txt), /overflow|cut off/i);
});

test('mutated replies: every one decodes or throws an Error, and quickly', { timeout: 20_000 }, () => {
  const base = reply(
    [
      { type: 'MX', name: 'q.example', ttl: 300, data: { preference: 10, exchange: 'mx1.q.example' } },
      { type: 'CNAME', name: 'w.q.example', ttl: 5, data: 'q.example' },
      { type: 'TXT', name: 'q.example', ttl: 5, data: ['v=spf1 -all'] },
      { type: 'AAAA', name: 'mx1.q.example', ttl: 60, data: '2001:db8::1' },
    ],
    { authorities: [{ type: 'SOA', name: 'example', ttl: 120, data: soa }] },
  );
  // A fixed pseudo-random sequence, so a failure reproduces.
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let decoded = 0;
  for (let i = 0; i < 5000; i++) {
    const buf = Buffer.from(base);
    for (let k = 1 + rnd(4); k > 0; k--) buf[rnd(buf.length)] = rnd(256);
    try {
      const m = decodeMessage(buf);
      decoded++;
      for (const r of [...m.answers, ...m.additionals]) assert.equal(typeof r.value, 'string');
    } catch (err) {
      assert.ok(err instanceof Error, `threw ${String(err)}`);
    }
  }
  assert.ok(decoded > 0, 'some mutations (in TTLs, say) still decode');
});

test('dns-packet is the codec at run time: a dependency src/dns imports, inside the bundle', () => {
  const root = new URL('../../../', import.meta.url);
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  assert.ok(pkg.dependencies['dns-packet'], 'dns-packet is a runtime dependency');
  const codec = readFileSync(new URL('src/dns/codec.ts', root), 'utf8');
  assert.match(codec, /^import dnsPacket from 'dns-packet';$/m);
  // dns-packet's own error text, in whichever chunk of dist/bundle holds the DNS client.
  const bundle = new URL('dist/bundle/', root);
  const chunks = readdirSync(bundle).filter((f) => f.endsWith('.js'));
  assert.ok(
    chunks.some((f) => readFileSync(new URL(f, bundle), 'utf8').includes('Cannot decode name (bad pointer)')),
    'dist/bundle contains dns-packet',
  );
});

hostileTest('replies whose names end in a chain of 8,000 compression pointers are malformed', 3000, () => {
  // Each took dns-packet about a second to decode (every name walked the whole chain): the
  // twenty of them here, some twenty seconds. Refused now before dns-packet follows a name.
  const replies = [chainedQuestions(), chainedAnswers(7, 'q.example')];
  for (let i = 0; i < 10; i++) {
    for (const buf of replies) {
      assert.equal(buf.length > 65_000, true, 'as long as a reply can be');
      assert.throws(() => decodeMessage(buf), /follows more than 127 compression pointers/);
    }
  }
  const outcome = decodeReply(replies[1]!, 7, 'q.example', 'MX');
  assert.equal(outcome.kind, 'malformed');
});

test('a name may follow as many compression pointers as it can have labels (127), not one more', () => {
  const longest = Array(127).fill('a').join('.');
  assert.equal(decodeMessage(pointerPerLabel(127)).answers[1]!.name, longest);
  assert.throws(() => decodeMessage(pointerPerLabel(127, 1)), /more than 127 compression pointers/);
  // Pointers to pointers count too (no encoder writes them, but they are not refused as such).
  assert.equal(decodeMessage(pointerPerLabel(100, 27)).answers[1]!.name, longest.slice(0, 199));
  assert.throws(() => decodeMessage(pointerPerLabel(100, 28)), /more than 127 compression pointers/);
});

test('heavy legal compression decodes: 1,000 MX records and their addresses against the question', () => {
  const m = decodeMessage(compressedMx(9, 'Q.example', 1000));
  assert.equal(m.answers.length, 1000);
  assert.deepEqual(m.answers[999], {
    name: 'q.example',
    type: 'MX',
    ttl: 60,
    value: '1009 mx999.q.example',
    preference: 1009,
    exchange: 'mx999.q.example',
  });
  assert.deepEqual(
    m.additionals.map((r) => r.name),
    m.answers.map((r) => r.exchange),
  );
  assert.equal(m.additionals[999]!.value, '192.0.3.231');
});
