// Exchange message tracking logs: the #Fields header, RFC 4180 quoting, ';'-joined recipients.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { splitCsv } from '../../src/logs/csv.js';
import { detectFormat } from '../../src/logs/detect.js';
import { ExchangeTrackingParser } from '../../src/logs/formats/exchange-tracking.js';
import { TimeReader } from '../../src/logs/time.js';
import { jsonLines, ROOT, runCli } from '../helpers/cli.js';

const LOG = join(ROOT, 'test/fixtures/logs/MSGTRK20261203-1.LOG');
type Obj = Record<string, any>;

test('CSV: quoted commas, doubled quotes, empty fields, a broken quote', () => {
  assert.deepEqual(splitCsv('a,"b, c","say ""hi""",,e'), ['a', 'b, c', 'say "hi"', '', 'e']);
  assert.deepEqual(splitCsv(''), ['']);
  assert.deepEqual(splitCsv('x,'), ['x', '']);
  assert.equal(splitCsv('a,"unterminated'), undefined);
  assert.equal(splitCsv('a,"x"y'), undefined);
});

test('rows before a #Fields header are not read; the header decides the columns', () => {
  const p = new ExchangeTrackingParser(new TimeReader());
  const row = '2026-12-03T10:00:01.410Z,STOREDRIVER,DELIVER,42,carol@example.com';
  assert.equal(p.parse(row), undefined);
  assert.deepEqual(p.parse('#Fields: date-time,source,event-id,internal-message-id,recipient-address'), []);
  const got = p.parse(row);
  assert.ok(Array.isArray(got) && got[0]?.kind === 'delivery');
  assert.equal(got[0].to, 'carol@example.com');
  assert.equal(got[0].status, 'sent');
});

test('detected as Exchange from the header', () => {
  const head = [
    '#Software: Microsoft Exchange Server',
    '#Version: 15.02.1544.009',
    '#Log-type: Message Tracking Log',
    '#Fields: date-time,event-id,internal-message-id',
  ];
  assert.equal(detectFormat(head), 'exchange');
});

test('trace: one recipient delivered, one failed with the NDR reading; subjects with commas', async () => {
  const r = await runCli(['logs', 'trace', LOG, '--id', '<q3-report.991@partner.example>', '--json']);
  assert.equal(r.code, 2, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const out = Object.fromEntries(o!.data.recipients.map((x: Obj) => [x.recipient, x.outcome]));
  assert.deepEqual(out, { 'carol@example.com': 'delivered', 'nosuch@example.com': 'bounced' });
  assert.equal(o!.data.client, 'mail.partner.example[203.0.113.5]');
  const f = o!.findings.find((x: Obj) => x.id === 'logs.bounced');
  assert.match(f.detail, /5\.1\.10/);
  assert.match(f.detail, /unknown-user/);
  // Tracking logs carry no delay: the delivery says nothing about it rather than "? after arrival".
  const ok = o!.findings.find((x: Obj) => x.id === 'logs.delivered');
  assert.equal(ok.detail, '<carol@example.com> via mailbox EX01 (no dsn) after 1 attempt');
});

test('a failure on a server with no IP in the row names the server, not "EX01[]"', () => {
  const p = new ExchangeTrackingParser(new TimeReader());
  p.parse(
    '#Fields: date-time,server-ip,server-hostname,source,event-id,internal-message-id,recipient-address,recipient-status',
  );
  const got = p.parse(
    '2026-12-03T10:00:01.500Z,,EX01,ROUTING,FAIL,42,nosuch@example.com,550 5.1.10 RESOLVER.ADR.RecipientNotFound',
  );
  assert.ok(Array.isArray(got) && got[0]?.kind === 'delivery');
  assert.equal(got[0].relay, 'EX01');
  const sent = p.parse(
    '2026-12-03T10:00:02.000Z,198.51.100.9,mx.remote.example,SMTP,SEND,43,x@remote.example,250 ok',
  );
  assert.ok(Array.isArray(sent) && sent[0]?.kind === 'delivery');
  assert.equal(sent[0].relay, 'mx.remote.example[198.51.100.9]');
});

test('trace: deferred (greylisting) then sent', async () => {
  const r = await runCli(['logs', 'trace', LOG, '--to', 'dave@greylist.example', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.equal(o!.data.recipients[0].outcome, 'delivered');
  assert.equal(o!.data.recipients[0].attempts, 2);
});

test('summary: every header line read, counts per recipient', async () => {
  const r = await runCli(['logs', 'summary', LOG, '--json']);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.equal(o!.data.stats.unrecognised, 0);
  assert.equal(o!.data.counts.received, 2);
  assert.equal(o!.data.counts.delivered, 2);
  assert.equal(o!.data.counts.bounced, 1);
  assert.equal(o!.data.counts.deferred, 1);
});
