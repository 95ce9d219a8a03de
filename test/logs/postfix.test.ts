// Postfix lines → events, and events → message families: each case is a line shape seen in real
// logs (written by hand here), including the awkward ones (IPv6 clients, postscreen ports, long IDs).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Family } from '../../src/logs/correlate.js';
import { isQueueId, PostfixParser } from '../../src/logs/formats/postfix.js';
import { scan } from '../../src/logs/scan.js';
import { TimeReader } from '../../src/logs/time.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/logs');
const p = new PostfixParser(new TimeReader(new Date('2026-12-03T12:00:00Z'), 0));

test('timestamps: classic, RFC 3339, journald short-iso and RFC 5424 give the same instant', () => {
  const lines = [
    'Dec  3 10:00:01 mx1 postfix/qmgr[1]: 4B3C21A0F2: removed',
    '2026-12-03T10:00:01.000000+00:00 mx1 postfix/qmgr[1]: 4B3C21A0F2: removed',
    '2026-12-03T11:00:01+0100 mx1 postfix/qmgr[1]: 4B3C21A0F2: removed',
    '<22>1 2026-12-03T10:00:01Z mx1 postfix/qmgr 1 - - 4B3C21A0F2: removed',
  ];
  for (const l of lines) {
    const ev = p.parse(l);
    assert.equal(ev?.kind, 'removed', l);
    assert.equal(ev.t, Date.parse('2026-12-03T10:00:01Z'), l);
    assert.equal(ev.host, 'mx1');
  }
});

test('a December log read in January is last year', () => {
  const jan = new PostfixParser(new TimeReader(new Date('2027-01-02T00:00:00Z'), 0));
  const ev = jan.parse('Dec 31 23:59:59 mx1 postfix/qmgr[1]: 4B3C21A0F2: removed');
  assert.equal(ev?.t, Date.parse('2026-12-31T23:59:59Z'));
});

test('queue IDs: short hex and long IDs, not words', () => {
  assert.ok(isQueueId('4B3C21A0F2'));
  assert.ok(isQueueId('4Lq2xL0Bz3z9sQ'));
  for (const w of ['warning', 'NOQUEUE', 'fatal', 'statistics', 'abc']) assert.equal(isQueueId(w), false, w);
});

test('delivery line: relay, delays, dsn, status, text and queued as', () => {
  const ev = p.parse(
    '2026-12-03T10:00:09Z mx1 postfix/smtp[2401]: 4B3C21A0F2: to=<carol@example.com>, orig_to=<c@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=2, delays=0.3/0/0.01/1.7, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 7D1E03B4C9)',
  );
  assert.ok(ev && ev.kind === 'delivery');
  assert.equal(ev.to, 'carol@example.com');
  assert.equal(ev.origTo, 'c@example.com');
  assert.equal(ev.relay, '127.0.0.1[127.0.0.1]:10024');
  assert.equal(ev.delay, 2);
  assert.deepEqual(ev.delays, [0.3, 0, 0.01, 1.7]);
  assert.equal(ev.dsn, '2.0.0');
  assert.equal(ev.status, 'sent');
  assert.equal(ev.queuedAs, '7D1E03B4C9');
  assert.match(ev.text, /^250 2\.0\.0 from MTA/);
});

test('NOQUEUE rejects: the restriction, code, dsn and envelope, IPv6 and postscreen clients', () => {
  const relay = p.parse(
    'Dec  3 10:05:00 mx1 postfix/smtpd[2102]: NOQUEUE: reject: RCPT from unknown[2001:db8::77]: 554 5.7.1 <v@elsewhere.example>: Relay access denied; from=<s@bad.example> to=<v@elsewhere.example> proto=ESMTP helo=<bad.example>',
  );
  assert.ok(relay && relay.kind === 'reject');
  assert.equal(relay.client, 'unknown[2001:db8::77]');
  assert.equal(relay.code, 554);
  assert.equal(relay.dsn, '5.7.1');
  assert.equal(relay.restriction, 'reject_unauth_destination');
  assert.equal(relay.from, 's@bad.example');
  assert.equal(relay.to, 'v@elsewhere.example');
  assert.equal(relay.helo, 'bad.example');
  assert.equal(relay.temporary, false);
  const ps = p.parse(
    'Dec  3 09:58:01 mx1 postfix/postscreen[2001]: NOQUEUE: reject: RCPT from [198.51.100.23]:50811: 550 5.7.1 Service unavailable; client [198.51.100.23] blocked using zen.spamhaus.org; from=<a@b.example>, to=<c@example.com>, proto=ESMTP, helo=<spam>',
  );
  assert.ok(ps && ps.kind === 'reject');
  assert.equal(ps.restriction, 'postscreen_dnsbl_sites (zen.spamhaus.org)');
  assert.equal(ps.to, 'c@example.com');
  const grey = p.parse(
    'Dec  3 10:05:00 mx1 postfix/smtpd[2102]: NOQUEUE: reject: RCPT from x.example[192.0.2.5]: 450 4.2.0 <d@example.com>: Recipient address rejected: Greylisted, see http://postgrey.example/; from=<a@x.example> to=<d@example.com> proto=ESMTP helo=<x.example>',
  );
  assert.ok(grey && grey.kind === 'reject');
  assert.equal(grey.temporary, true);
  assert.equal(grey.restriction, 'check_policy_service (greylisting)');
  const hdr = p.parse(
    'Dec  3 10:05:00 mx1 postfix/cleanup[2201]: 4B3C21A0F2: reject: header Subject: WIN MONEY from x.example[192.0.2.5]; from=<a@x.example> to=<d@example.com> proto=ESMTP helo=<x.example>: 5.7.1 Spam subject',
  );
  assert.ok(hdr && hdr.kind === 'reject');
  assert.equal(hdr.restriction, 'header_checks');
  assert.equal(hdr.qid, '4B3C21A0F2');
  assert.equal(hdr.dsn, '5.7.1');
});

test('SASL login, TLS lines, postscreen verdicts and bounce notices', () => {
  const c = p.parse(
    'Dec  3 10:10:01 mx1 postfix/submission/smtpd[2601]: 9A8B7C6D5E: client=laptop.example.com[192.0.2.150], sasl_method=PLAIN, sasl_username=alice',
  );
  assert.ok(c && c.kind === 'client');
  assert.equal(c.sasl, 'alice');
  assert.equal(c.client, 'laptop.example.com[192.0.2.150]');
  const t = p.parse(
    'Dec  3 10:10:02 mx1 postfix/smtp[2402]: Trusted TLS connection established to mx.g.example[198.51.100.80]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)',
  );
  assert.ok(t && t.kind === 'tls');
  assert.equal(t.dir, 'out');
  assert.equal(t.level, 'Trusted');
  assert.equal(t.peer, 'mx.g.example[198.51.100.80]:25');
  const s = p.parse('Dec  3 10:00:07 mx1 postfix/postscreen[2001]: PASS NEW [203.0.113.5]:41234');
  assert.ok(s && s.kind === 'screen');
  assert.equal(s.verdict, 'PASS NEW');
  const n = p.parse(
    'Dec  3 10:10:03 mx1 postfix/bounce[2701]: 9A8B7C6D5E: sender non-delivery notification: 1F2E3D4C5B',
  );
  assert.ok(n && n.kind === 'notice');
  assert.equal(n.child, '1F2E3D4C5B');
});

test('malformed and truncated lines are not events and do not throw', () => {
  const bad = [
    '',
    'Dec',
    'Dec  3 10:00:01',
    'Dec  3 10:00:01 mx1',
    'Dec  3 10:00:01 mx1 postfix/smtp[1]: 4B3C21A0F2: to=<carol@exam',
    'Dec  3 10:00:01 mx1 postfix/smtp[1]: 4B3C21A0F2: to=<carol@example.com>, relay=x, status=',
    'Dec  3 10:00:01 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT',
    'Dec  3 10:00:01 mx1 postfix/qmgr[1]: 4B3C21A0F2: from=<',
    'Dec  3 10:00:01 mx1 kernel: [12345.6] eth0: link up',
    '<22>1 2026-12-03T10:00:01Z',
    'Foo 99 99:99:99 mx1 postfix/qmgr[1]: 4B3C21A0F2: removed',
  ];
  for (const l of bad) {
    const ev = p.parse(l);
    if (ev) assert.ok(ev.kind === 'removed' || ev.kind === 'from', l); // a readable tail may stay an event
  }
});

async function families(files: string[]): Promise<Family[]> {
  const out: Family[] = [];
  await scan(
    files.map((f) => join(FIX, f)),
    { format: 'auto', maxOpen: 1000, keepEvents: true, onFamily: (f) => out.push(f) },
  );
  return out;
}

test('a content filter re-queue is one family; the bounce notice joins its message', async () => {
  const fams = await families(['mx1.log']);
  const amavis = fams.find((f) => f.members.some((m) => m.qid === '4B3C21A0F2'))!;
  assert.deepEqual(
    amavis.members.map((m) => [m.qid, m.role]),
    [
      ['4B3C21A0F2', 'origin'],
      ['7D1E03B4C9', 'filter'],
    ],
  );
  assert.equal(amavis.complete, true);
  const alice = fams.find((f) => f.members.some((m) => m.qid === '9A8B7C6D5E'))!;
  assert.deepEqual(
    alice.members.map((m) => [m.qid, m.role]),
    [
      ['9A8B7C6D5E', 'origin'],
      ['1F2E3D4C5B', 'notice'],
    ],
  );
  assert.equal(alice.root.sasl, 'alice');
  assert.match(alice.root.tlsIn ?? '', /Anonymous TLSv1\.3/);
});

test('the open set is capped: the oldest message is handed over incomplete', async () => {
  const out: Family[] = [];
  const stats = await scan([join(FIX, 'mx1.log')], {
    format: 'auto',
    maxOpen: 1,
    keepEvents: false,
    onFamily: (f) => out.push(f),
  });
  assert.ok(stats.evicted > 0);
  assert.ok(out.some((f) => !f.complete));
});
