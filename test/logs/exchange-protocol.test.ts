// Exchange 2013+ SMTP Receive and Send protocol logs (RECV*.LOG, SEND*.LOG).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonLines, ROOT, runCli } from '../helpers/cli.js';

const RECV = join(ROOT, 'test/fixtures/logs/RECV2026120310-1.LOG');
const SEND = join(ROOT, 'test/fixtures/logs/SEND2026120311-1.LOG');
const TRACK = join(ROOT, 'test/fixtures/logs/MSGTRK20261203-1.LOG');
type Obj = Record<string, any>;

test('receive log: the arrival (TLS, InternalId, Message-ID) and the refused relay with its text', async () => {
  const r = await runCli(['logs', 'summary', RECV, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.equal(o!.data.stats.formats[RECV], 'exchange-protocol');
  assert.equal(o!.data.stats.unrecognised, 0);
  assert.equal(o!.data.counts.received, 1);
  assert.equal(o!.data.counts.rejected, 1);
  assert.equal(o!.data.rejections[0].category, 'relay-denied');
  assert.deepEqual(o!.data.tls.inbound, { messages: 1, tls: 1, connections: 0 });
});

test('send log: one recipient refused (bounced, explained), the other delivered after the data', async () => {
  const r = await runCli(['logs', 'trace', SEND, '--to', '@remote.example', '--json']);
  assert.equal(r.code, 2, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const out = Object.fromEntries(o!.data.recipients.map((x: Obj) => [x.recipient, x.outcome]));
  assert.deepEqual(out, { 'erin@remote.example': 'bounced', 'frank@remote.example': 'delivered' });
  assert.equal(o!.data.from, 'alice@example.com');
});

test('the receive log and the tracking log tell one story by Message-ID', async () => {
  const r = await runCli(['logs', 'trace', RECV, TRACK, '--id', '<q3-report.991@partner.example>', '--json']);
  const out = jsonLines(r.stdout) as Obj[];
  assert.equal(out.length, 1, r.stdout);
  const events = out[0]!.data.timeline.map((x: Obj) => `${x.service}:${x.event}`);
  assert.ok(events.includes('smtp-receive:received'), events.join());
  assert.ok(events.includes('storedriver:sent'), events.join());
});
