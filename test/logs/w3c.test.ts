// IIS SMTP / Exchange 2000-2003 protocol logs (W3C extended): inbound sessions, outbound replies.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonLines, ROOT, runCli } from '../helpers/cli.js';

const LOG = join(ROOT, 'test/fixtures/logs/ex021203.log');
type Obj = Record<string, any>;

test('detected as W3C; inbound message, refused RCPTs, outbound results counted', async () => {
  const r = await runCli(['logs', 'summary', LOG, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.equal(o!.data.stats.formats[LOG], 'w3c');
  assert.equal(o!.data.stats.unrecognised, 0);
  assert.equal(o!.data.counts.received, 1);
  assert.equal(o!.data.counts.rejected, 2);
  assert.equal(o!.data.counts.delivered, 1);
  assert.equal(o!.data.counts.bounced, 1);
});

test('outbound: a refused RCPT bounced with the NDR reading, the other delivered after DATA', async () => {
  const r = await runCli(['logs', 'trace', LOG, '--from', 'alice@example.com', '--json']);
  assert.equal(r.code, 2, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const out = Object.fromEntries(o!.data.recipients.map((x: Obj) => [x.recipient, x.outcome]));
  assert.deepEqual(out, { 'erin@remote.example': 'bounced', 'frank@remote.example': 'delivered' });
  assert.match(o!.findings.find((f: Obj) => f.id === 'logs.bounced').detail, /unknown-user/);
});

test('inbound: the accepted message by Message-ID is logs.accepted (its delivery is elsewhere)', async () => {
  const r = await runCli(['logs', 'trace', LOG, '--id', '<q3.991@partner.example>', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.deepEqual(
    o!.findings.map((f: Obj) => f.id),
    ['logs.accepted'],
  );
  assert.equal(o!.data.client, 'mail.partner.example[203.0.113.5]');
});
