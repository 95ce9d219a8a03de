// Exim main log: arrivals, deliveries, deferrals, failures, bounces and ACL rejections.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectFormat } from '../../src/logs/detect.js';
import { EximParser, isEximId } from '../../src/logs/formats/exim.js';
import { TimeReader } from '../../src/logs/time.js';
import { jsonLines, ROOT, runCli } from '../helpers/cli.js';

const LOG = join(ROOT, 'test/fixtures/logs/exim-mainlog');
const p = new EximParser(new TimeReader(new Date('2026-12-03T12:00:00Z'), 0));
const env = { TZ: 'UTC' };
type Obj = Record<string, any>;

test('message IDs of both generations', () => {
  assert.ok(isEximId('1tAbCd-000123-AB'));
  assert.ok(isEximId('1tAbCd-00000000123-ABCD'));
  assert.equal(isEximId('4B3C21A0F2'), false);
});

test('an arrival gives client (host, SASL user, TLS), Message-ID and sender', () => {
  const evs = p.parse(
    '2026-12-03 10:10:01 1tAbCe-000124-CD <= alice@example.com H=laptop.example.com (laptop) [192.0.2.150]:55000 P=esmtpsa X=TLS1.3:TLS_AES_128_GCM_SHA256:128 CV=no A=dovecot_plain:alice S=2210 id=b0c1d2e3@example.com',
  );
  assert.ok(Array.isArray(evs));
  const by = Object.fromEntries(evs.map((e) => [e.kind, e]));
  assert.equal(by.client?.kind === 'client' && by.client.client, 'laptop.example.com[192.0.2.150]:55000');
  assert.equal(by.client?.kind === 'client' && by.client.sasl, 'alice');
  assert.equal(by.msgid?.kind === 'msgid' && by.msgid.messageId, 'b0c1d2e3@example.com');
  assert.equal(by.from?.kind === 'from' && by.from.size, 2210);
});

test('a failure: status, relay, dsn and the remote reply', () => {
  const evs = p.parse(
    '2026-12-03 10:10:03 1tAbCe-000124-CD ** erin@remote.example R=dnslookup T=remote_smtp H=mx.remote.example [203.0.113.90]: SMTP error from remote mail server after RCPT TO:<erin@remote.example>: 550 5.1.1 <erin@remote.example>: Recipient address rejected: User unknown',
  );
  const d = (Array.isArray(evs) ? evs : [evs]).find((e) => e?.kind === 'delivery');
  assert.ok(d && d.kind === 'delivery');
  assert.equal(d.status, 'bounced');
  assert.equal(d.relay, 'mx.remote.example[203.0.113.90]');
  assert.equal(d.dsn, '5.1.1');
  assert.match(d.text, /550 5\.1\.1/);
});

test('detected as Exim; Postfix and Exim samples are told apart', () => {
  const exim = ['2026-12-03 10:00:01 1tAbCd-000123-AB Completed'];
  const postfix = ['Dec  3 10:00:01 mx1 postfix/qmgr[1]: 4B3C21A0F2: removed'];
  assert.equal(detectFormat(exim), 'exim');
  assert.equal(detectFormat(postfix), 'postfix');
});

test('trace: greylisted then delivered, a failure with its bounce, the SASL user', async () => {
  const r = await runCli(['logs', 'trace', LOG, '--from', 'alice@example.com', '--json'], { env });
  assert.equal(r.code, 2, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const out = Object.fromEntries(o!.data.recipients.map((x: Obj) => [x.recipient, x.outcome]));
  assert.deepEqual(out, { 'dave@greylist.example': 'delivered', 'erin@remote.example': 'bounced' });
  assert.equal(o!.data.saslUser, 'alice');
  assert.deepEqual(o!.data.queueIds, ['1tAbCe-000124-CD', '1tAbCf-000125-EF']);
  assert.match(o!.findings.find((f: Obj) => f.id === 'logs.bounced').detail, /unknown-user/);
});

test('summary: ACL rejections by restriction, temporary ones apart', async () => {
  const r = await runCli(['logs', 'summary', LOG, '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.equal(o!.data.counts.received, 2);
  assert.equal(o!.data.counts.rejected, 1);
  assert.equal(o!.data.counts.tempRejected, 1);
  assert.equal(o!.data.rejections[0].restriction, 'acl_smtp_rcpt (relay not permitted)');
  assert.deepEqual(o!.data.tls.inbound, { messages: 2, tls: 2, connections: 1 });
});

test('summary TLS table: the inbound share is of messages received, never over 100%', async () => {
  const r = await runCli(['logs', 'summary', LOG], { env });
  assert.equal(r.code, 0, r.stderr);
  // Exim logs no connection lines for these arrivals: 2 messages over TLS out of 2, not 2 of 1.
  assert.match(r.stdout, /inbound messages\s*│ 2\s*│ 2\s*│ 100\.0%/);
  assert.doesNotMatch(r.stdout, /200\.0%/);
});

test('--format-in offers every format the detector knows, and forcing one works', async () => {
  const { default: logs } = await import('../../commands/logs.js');
  const { INPUT_FORMATS } = await import('../../src/logs/detect.js');
  assert.deepEqual(logs.options?.['format-in']?.choices, [...INPUT_FORMATS]);
  const r = await runCli(['logs', 'summary', LOG, '--format-in', 'exim', '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal((jsonLines(r.stdout)[0] as Obj).data.counts.received, 2);
});
