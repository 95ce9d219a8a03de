// End-to-end: `mailflow logs` as a user runs it, on hand-written logs of realistic days.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { jsonLines, ROOT, runCli } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/logs');
const MX1 = join(FIX, 'mx1.log');
const env = { TZ: 'UTC' };
const dir = mkdtempSync(join(tmpdir(), 'mailflow-logs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Obj = Record<string, any>;

test('trace by queue ID follows the content filter re-queue to the final delivery', async () => {
  const r = await runCli(['logs', 'trace', MX1, '--id', '4B3C21A0F2', '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.equal(o!.target, '<20261203100007.ABC@partner.example>');
  assert.deepEqual(o!.data.queueIds, ['4B3C21A0F2', '7D1E03B4C9']);
  assert.deepEqual(
    o!.findings.map((f: Obj) => f.id),
    ['logs.delivered'],
  );
  assert.equal(o!.data.recipients[0].outcome, 'delivered');
  assert.match(o!.data.tls, /Untrusted TLSv1\.3/);
  const events = o!.data.timeline.map((t: Obj) => t.event);
  assert.ok(events.includes('content filter') && events.includes('re-queued by content filter'));
});

test('greylisting then delivery, and a bounce with its notice to the sender', async () => {
  const r = await runCli(['logs', 'trace', MX1, '--from', 'alice@example.com', '--json'], { env });
  assert.equal(r.code, 2, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const by = Object.fromEntries(o!.data.recipients.map((x: Obj) => [x.recipient, x]));
  assert.equal(by['dave@greylist.example'].outcome, 'delivered');
  assert.equal(by['dave@greylist.example'].attempts, 2);
  assert.equal(by['erin@remote.example'].outcome, 'bounced');
  const bounced = o!.findings.find((f: Obj) => f.id === 'logs.bounced');
  assert.equal(bounced.severity, 'fail');
  assert.match(bounced.detail, /unknown-user/);
  assert.equal(o!.data.saslUser, 'alice');
  assert.ok(o!.data.timeline.some((t: Obj) => t.event === 'notice to sender'));
  // The notice's own delivery (to alice) is not one of the message's recipients.
  assert.equal(by['alice@example.com'], undefined);
});

test('expiry after deferrals: logs.expired with the last error explained and a command to confirm', async () => {
  const r = await runCli(['logs', 'trace', MX1, '--to', 'ops@down.example', '--json'], { env });
  assert.equal(r.code, 2, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const f = o!.findings.find((x: Obj) => x.id === 'logs.expired');
  assert.ok(f, JSON.stringify(o!.findings));
  assert.match(f.detail, /Connection timed out/);
  assert.match(
    f.detail,
    /^<ops@down\.example> /,
    'Postfix logs no reason with status=expired: no bare "expired." line',
  );
  assert.match(f.fix, /mailflow probe down\.example/);
  assert.equal(o!.data.recipients[0].attempts, 3);
});

test('a NOQUEUE rejection: logs.rejected names the restriction', async () => {
  const r = await runCli(['logs', 'trace', MX1, '--to', 'victim@elsewhere.example', '--json'], { env });
  assert.equal(r.code, 2, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.equal(o!.findings[0].id, 'logs.rejected');
  assert.match(o!.findings[0].title, /reject_unauth_destination/);
});

test('a deferred message still in the queue is a warning', async () => {
  const lines = readFileSync(MX1, 'utf8')
    .split('\n')
    .filter(
      (l) =>
        l.includes('C0FFEE1234') && !l.includes('expired') && !l.includes('removed') && !l.includes('bounce'),
    );
  const f = join(dir, 'deferred.log');
  writeFileSync(f, `${lines.join('\n')}\n`);
  const r = await runCli(['logs', 'trace', f, '--id', 'C0FFEE1234', '--json'], { env });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.equal(o!.findings[0].id, 'logs.deferred');
  assert.equal(o!.data.complete, false);
});

test('multi-server hand-off: one timeline across edge1 and mx1, whichever file comes first', async () => {
  for (const files of [
    [join(FIX, 'edge1.log'), join(FIX, 'mx1-handoff.log')],
    [join(FIX, 'mx1-handoff.log'), join(FIX, 'edge1.log')],
  ]) {
    const r = await runCli(['logs', 'trace', ...files, '--id', '5E5E5E5E5E', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const out = jsonLines(r.stdout) as Obj[];
    assert.equal(out.length, 1);
    assert.deepEqual(out[0]!.data.hosts.sort(), ['edge1', 'mx1']);
    assert.deepEqual(out[0]!.data.queueIds.sort(), ['5E5E5E5E5E', '6F6F6F6F6F']);
  }
});

test('not found: logs.not-found, exit 3', async () => {
  const r = await runCli(['logs', 'trace', MX1, '--id', 'DEADBEEF00'], { env });
  assert.equal(r.code, 3);
  assert.match(r.stdout, /logs\.not-found/);
});

test('trace on a file with no mail log line says so, not "look in the rotated logs"', async () => {
  const f = join(dir, 'not-a-log.txt');
  writeFileSync(f, 'Dear all,\nthe meeting moved to 3 pm.\n');
  const r = await runCli(['logs', 'trace', f, '--id', '4B3C21A0F2', '--json'], { env });
  assert.equal(r.code, 3, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  assert.deepEqual(
    o!.findings.map((x: Obj) => x.id),
    ['logs.no-events'],
  );
  assert.match(o!.findings[0].fix, /--format-in/);
  // A real log without the message still points at the rotated logs.
  const miss = await runCli(['logs', 'trace', MX1, '--id', 'NOSUCHID', '--json'], { env });
  assert.equal((jsonLines(miss.stdout) as Obj[])[0]!.findings[0].id, 'logs.not-found');
});

test('usage errors: no action, unknown action, trace without a filter, bad --since', async () => {
  for (const [args, re] of [
    [['logs'], /name what to do/],
    [['logs', 'tail', MX1], /unknown logs action/],
    [['logs', 'trace', MX1], /needs --id/],
    [['logs', 'summary', MX1, '--since', 'yesterday-ish'], /not a date/],
  ] as const) {
    const r = await runCli([...args], { env });
    assert.equal(r.code, 3, args.join(' '));
    assert.match(r.stderr, re);
  }
});

test('summary: counts without double counting the content filter, rejection categories, TLS share', async () => {
  const r = await runCli(['logs', 'summary', MX1, '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const c = o!.data.counts;
  assert.equal(c.received, 3);
  assert.equal(c.filtered, 1);
  assert.equal(c.delivered, 4); // carol, dave, and the two notices to senders
  assert.equal(c.bounced, 1);
  assert.equal(c.expired, 1);
  assert.equal(c.deferred, 2);
  assert.equal(c.rejected, 2);
  assert.equal(c.tempRejected, 1);
  const cats = o!.data.rejections.map((x: Obj) => x.category).sort();
  assert.deepEqual(cats, ['blocked', 'policy', 'relay-denied']);
  assert.deepEqual(o!.data.tls.inbound, { messages: 2, tls: 2, connections: 4 });
  assert.deepEqual(o!.data.tls.outbound, { deliveries: 3, tls: 2 });
  assert.equal(o!.data.deferring[0].destination, 'down.example');
  assert.equal(o!.data.postscreen['PASS NEW'], 1);
});

test('summary human output has the hourly bar chart', async () => {
  const r = await runCli(['logs', 'summary', MX1], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Per hour/);
  assert.match(r.stdout, /2026-12-03 10:00Z.*█/);
});

test('the hourly bar chart stays a chart (one row per hour) in an 80-column terminal', async () => {
  const r = await runCli(['logs', 'summary', MX1], { env: { ...env, COLUMNS: '80' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /│ 2026-12-03 10:00Z │ 3 +│ 3 +│ 1 +│ █+ +│/);
  assert.ok(r.stdout.split('\n').every((l) => l.length <= 80));
});

test('--format prometheus: every series unique, HELP and TYPE once per metric', async () => {
  const r = await runCli(['logs', 'summary', MX1, '--format', 'prometheus'], { env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const series = lines.filter((l) => !l.startsWith('#')).map((l) => l.slice(0, l.lastIndexOf(' ')));
  assert.equal(new Set(series).size, series.length, 'duplicate series');
  const helps = lines.filter((l) => l.startsWith('# HELP ')).map((l) => l.split(' ')[2]);
  assert.equal(new Set(helps).size, helps.length);
  for (const l of lines) assert.match(l, /^(# (HELP|TYPE) \w+ .+|\w+(\{.*\})? -?[\d.e+-]+)$/, l);
  assert.match(r.stdout, /mailflow_logs_messages\{[^}]*status="received"\} 3/);
  // What node_exporter's textfile collector will parse: promtool (Debian's prometheus) checks it.
  if (existsSync('/usr/bin/promtool')) {
    const run = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: r.stdout, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  }
});

test('SASL login followed by a burst: the account is flagged as an outlier', async () => {
  const lines: string[] = [];
  let n = 0;
  const msg = (user: string, from: string, minute: number) => {
    const qid = (0x100000 + n++).toString(16).toUpperCase().padStart(10, 'A');
    const ts = `2026-12-03T11:${String(minute).padStart(2, '0')}:00Z`;
    lines.push(
      `${ts} mx1 postfix/submission/smtpd[3000]: ${qid}: client=c.example[192.0.2.9], sasl_method=LOGIN, sasl_username=${user}`,
      `${ts} mx1 postfix/cleanup[3001]: ${qid}: message-id=<${qid}@example.com>`,
      `${ts} mx1 postfix/qmgr[3002]: ${qid}: from=<${from}>, size=900, nrcpt=3 (queue active)`,
      `${ts} mx1 postfix/smtp[3003]: ${qid}: to=<x${n}@far.example>, relay=mx.far.example[203.0.113.7]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)`,
      `${ts} mx1 postfix/qmgr[3002]: ${qid}: removed`,
    );
  };
  for (const u of ['ann', 'ben', 'cat', 'dan']) for (let i = 0; i < 2; i++) msg(u, `${u}@example.com`, i);
  for (let i = 0; i < 40; i++) msg('eve', 'eve@example.com', 10 + (i % 50));
  const f = join(dir, 'burst.log');
  writeFileSync(f, `${lines.join('\n')}\n`);
  const r = await runCli(['logs', 'summary', f, '--json'], { env });
  assert.equal(r.code, 1, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const out = o!.findings.find((x: Obj) => x.id === 'logs.volume-outlier');
  assert.ok(out);
  assert.match(out.title, /eve/);
  assert.equal(o!.data.saslUsers[0].name, 'eve');
  assert.equal(o!.data.saslUsers[0].outlier, true);
  assert.equal(o!.data.saslUsers[1].outlier, false);
});

test('a rotated .gz, a plain file and standard input read alike; rotated files oldest first', async () => {
  const text = readFileSync(MX1);
  const gz = join(dir, 'mail.log.1.gz');
  writeFileSync(gz, gzipSync(text));
  const a = await runCli(['logs', 'summary', gz, '--json'], { env });
  const b = await runCli(['logs', 'summary', '--json'], { env, input: text });
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual((jsonLines(a.stdout)[0] as Obj).data.counts, (jsonLines(b.stdout)[0] as Obj).data.counts);
  // A truncated .gz (caught mid-rotation) is read up to the damage, with a note.
  const cut = join(dir, 'cut.log.gz');
  const whole = gzipSync(text);
  writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const c = await runCli(['logs', 'summary', cut, '--json'], { env });
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stderr, /damaged/);
});

test('a 1 MB line without a newline and a file of garbage end in an answer', {
  timeout: 30_000,
}, async () => {
  const f = join(dir, 'hostile.log');
  writeFileSync(
    f,
    `${'x'.repeat(1024 * 1024)}\n${'Dec  3 10:00:01 mx1 postfix/smtpd[1]: '.repeat(20_000)}\n${readFileSync(MX1, 'utf8')}${'y'.repeat(1024 * 1024)}`,
  );
  const r = await runCli(['logs', 'summary', f, '--json'], { env, timeoutMs: 30_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal((jsonLines(r.stdout)[0] as Obj).data.counts.received, 3);
  assert.match(r.stderr, /longer than 64 KiB/);
});

test('greylisting: the earlier NOQUEUE 450s of the same sender and recipient lead the accepted message', async () => {
  const f = join(dir, 'grey.log');
  writeFileSync(
    f,
    [
      '2026-12-03T09:00:00Z mx1 postfix/smtpd[10]: NOQUEUE: reject: RCPT from o.example[192.0.2.5]: 450 4.2.0 <bob@example.com>: Recipient address rejected: Greylisted, see http://postgrey.example/; from=<ann@o.example> to=<bob@example.com> proto=ESMTP helo=<o.example>',
      '2026-12-03T09:06:00Z mx1 postfix/smtpd[11]: 0A1B2C3D4E: client=o.example[192.0.2.5]',
      '2026-12-03T09:06:00Z mx1 postfix/cleanup[12]: 0A1B2C3D4E: message-id=<grey-1@o.example>',
      '2026-12-03T09:06:00Z mx1 postfix/qmgr[13]: 0A1B2C3D4E: from=<ann@o.example>, size=900, nrcpt=1 (queue active)',
      '2026-12-03T09:06:01Z mx1 postfix/local[14]: 0A1B2C3D4E: to=<bob@example.com>, relay=local, delay=0.5, delays=0.1/0/0/0.4, dsn=2.0.0, status=sent (delivered to mailbox)',
      '2026-12-03T09:06:01Z mx1 postfix/qmgr[13]: 0A1B2C3D4E: removed',
      '2026-12-03T12:00:00Z mx1 postfix/qmgr[13]: 9F9F9F9F9F: removed',
    ].join('\n'),
  );
  const r = await runCli(['logs', 'trace', f, '--to', 'bob@example.com', '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  const out = jsonLines(r.stdout) as Obj[];
  assert.equal(out.length, 1, 'the greylisting rejection is part of the message, not a separate result');
  assert.equal(out[0]!.data.timeline[0].event, 'rejected (temporary)');
  assert.equal(out[0]!.data.totalSeconds, 361);
  // --since leaves the rejection out, --until the delivery.
  const s = await runCli(['logs', 'summary', f, '--since', '2026-12-03T09:05:00Z', '--json'], { env });
  assert.equal((jsonLines(s.stdout)[0] as Obj).data.counts.tempRejected, 0);
  const u = await runCli(['logs', 'summary', f, '--until', '2026-12-03T09:01:00Z', '--json'], { env });
  assert.equal((jsonLines(u.stdout)[0] as Obj).data.counts.delivered, 0);
});

test('mixed time zones: two servers logging local time with offsets make one timeline in UTC order', async () => {
  const edge = join(dir, 'edge-paris.log');
  const mx = join(dir, 'mx-utc.log');
  writeFileSync(
    edge,
    [
      '2026-12-03T11:29:58+01:00 edge1 postfix/smtpd[1]: 5E5E5E5E5E: client=app1.example.com[192.0.2.41]',
      '2026-12-03T11:29:58+0100 edge1 postfix/cleanup[2]: 5E5E5E5E5E: message-id=<tz-1@app1.example.com>',
      '2026-12-03T11:29:58+01:00 edge1 postfix/qmgr[3]: 5E5E5E5E5E: from=<billing@example.com>, size=100, nrcpt=1 (queue active)',
      '2026-12-03T11:29:59+01:00 edge1 postfix/smtp[4]: 5E5E5E5E5E: to=<carol@example.com>, relay=mx1.example.com[192.0.2.10]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 6F6F6F6F6F)',
      '2026-12-03T11:29:59+01:00 edge1 postfix/qmgr[3]: 5E5E5E5E5E: removed',
    ].join('\n'),
  );
  writeFileSync(
    mx,
    [
      '2026-12-03T10:30:00Z mx1 postfix/smtpd[5]: 6F6F6F6F6F: client=edge1.example.com[192.0.2.11]',
      '2026-12-03T10:30:00Z mx1 postfix/cleanup[6]: 6F6F6F6F6F: message-id=<tz-1@app1.example.com>',
      '2026-12-03T10:30:01Z mx1 postfix/local[7]: 6F6F6F6F6F: to=<carol@example.com>, relay=local, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)',
      '2026-12-03T10:30:01Z mx1 postfix/qmgr[8]: 6F6F6F6F6F: removed',
    ].join('\n'),
  );
  const r = await runCli(['logs', 'trace', mx, edge, '--id', '<tz-1@app1.example.com>', '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout) as Obj[];
  const hosts = o!.data.timeline.map((x: Obj) => x.host);
  assert.deepEqual(hosts, ['edge1', 'edge1', 'edge1', 'edge1', 'edge1', 'mx1', 'mx1', 'mx1', 'mx1']);
  assert.equal(o!.data.totalSeconds, 3);
});

test('Ctrl-C while reading: the summary and "not found" say they cover only the lines read', async () => {
  const { run } = await import('../../src/run/logs.js');
  const day = readFileSync(MX1, 'utf8');
  const big = join(dir, 'big.log');
  writeFileSync(big, day.repeat(Math.ceil((3 << 20) / day.length))); // three 1 MB read chunks or more
  const results = async (args: Obj, signal = AbortSignal.abort()) => {
    const ctx = {
      progress: { update() {}, stop() {}, active: () => false },
      verbose: false,
      warn() {},
      signal,
    };
    const out = [];
    for await (const r of run(args as never, ctx)) out.push(r);
    return out;
  };
  const [sum] = await results({ args: ['summary', big, MX1] });
  const f = sum!.findings.find((x) => x.id === 'logs.summary')!;
  assert.match(f.title, /^partial \(interrupted\): /);
  assert.match(f.detail, /Ctrl-C stopped the reading after \d+ lines?:/);
  assert.equal((sum!.data as Obj).stats.interrupted, true);
  assert.equal(sum!.partial, true, 'the result says it is partial (main tells Ctrl-C it was cut short)');
  const [nf] = await results({ args: ['trace', big], to: 'nobody@nowhere.example' });
  assert.equal(nf!.findings[0]!.id, 'logs.not-found');
  assert.match(nf!.findings[0]!.title, /^partial \(interrupted\): /);
  // Read to the end, nothing is marked.
  const [whole] = await results({ args: ['summary', MX1] }, new AbortController().signal);
  assert.doesNotMatch(whole!.findings[0]!.title, /partial/);
  assert.equal((whole!.data as Obj).stats.interrupted, undefined);
  assert.equal(whole!.partial, undefined);
});
