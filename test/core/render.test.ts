import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finding, type Result } from '../../src/findings/model.js';
import { renderHuman } from '../../src/render/human.js';
import { renderJson, renderNagios, renderPrometheus } from '../../src/render/machine.js';
import { batchedWriter, Output } from '../../src/render/output.js';

/** Columns keyed c0, c1…: these tests are about layout, not column names. */
const headers = (...h: string[]) => h.map((header, i) => ({ key: `c${i}`, header }));

const result: Result = {
  command: 'probe',
  target: 'example.test',
  findings: [
    finding('probe.open', 'ok', {
      title: 'mx1 answers',
      detail: '220 mx1 ESMTP',
      fix: '',
      ref: 'Book ch. 5',
    }),
    finding('probe.timeout', 'fail', {
      title: 'mx2 | timed out',
      detail: 'no answer',
      fix: 'open port 25',
      ref: 'Book ch. 7',
    }),
  ],
  data: { n: 1 },
  metrics: [
    { name: 'connect_time', value: 12, unit: 'ms', labels: { host: 'mx1' }, warn: 1000, crit: 5000 },
    { name: 'cert_days_left', value: 40, unit: 'days' },
  ],
  tables: [{ title: 'Exchangers', id: 'test.t1', columns: headers('host'), rows: [['mx1']] }],
};

test('human output has the verdict, tables and every finding, without colour codes when not asked', () => {
  const text = renderHuman(result, { color: false }, 100);
  assert.match(text, /^probe example\.test: FAIL/);
  assert.match(text, /Exchangers/);
  assert.match(text, /probe\.timeout/);
  assert.match(text, /open port 25/);
  assert.ok(!text.includes('\x1b['), 'no ANSI escapes');
  assert.ok(text.indexOf('probe.timeout') < text.indexOf('probe.open'), 'worst first');
});

test('colour is added only when the style asks for it', () => {
  assert.ok(renderHuman(result, { color: true }, 100).includes('\x1b['));
});

test('JSON is one line holding the whole result, its status and findings worst first, without the human-only tables', () => {
  const line = renderJson(result);
  assert.equal(line.split('\n').length, 2);
  const { tables: _, ...rest } = result;
  const worstFirst = [result.findings[1], result.findings[0]];
  assert.deepEqual(JSON.parse(line), { ...rest, status: 'fail', findings: worstFirst });
});

test('Nagios output: state line, perfdata after the pipe, details after', () => {
  const lines = renderNagios([result]).trimEnd().split('\n');
  assert.match(lines[0]!, /^MAILFLOW CRITICAL - example\.test: mx2 \/ timed out \| /);
  assert.match(lines[0]!, /'connect_time_mx1'=12ms;1000;5000/);
  assert.match(lines[0]!, /'cert_days_left'=40/);
  assert.ok(lines.some((l) => l.startsWith('[CRITICAL] probe.timeout')));
  assert.equal(lines.filter((l) => l.includes('|')).length, 1, 'only the first line may hold a pipe');
});

test('Nagios summaries say what the command did: recipients explained, a log summarised, never "0 checks passed"', () => {
  const bounce = (category: 'unknown-user' | 'other', to: string) =>
    finding(`ndr.${category}`, 'info', {
      title: `${to}: 5.1.1 ${category}`,
      detail: '',
      fix: 'x',
      ref: 'RFC 3463',
    });
  const ndr = (findings: Result['findings']): Result => ({
    command: 'ndr',
    target: 'b.eml',
    data: {},
    findings,
  });
  assert.match(
    renderNagios([ndr([bounce('unknown-user', 'a@example.test')])]),
    /^MAILFLOW OK - b\.eml: 1 recipient explained\n/,
  );
  assert.match(
    renderNagios([ndr([bounce('unknown-user', 'a@example.test'), bounce('other', 'b@example.test')])]),
    /^MAILFLOW OK - b\.eml: 2 recipients explained\n/,
  );
  const logs: Result = {
    command: 'logs summary',
    target: 'mail.log',
    data: {},
    findings: [
      finding('logs.summary', 'ok', {
        title: '1 received, 1 delivered',
        detail: '',
        fix: '',
        ref: 'RFC 5321',
      }),
    ],
  };
  assert.match(renderNagios([logs]), /^MAILFLOW OK - mail\.log: 1 received, 1 delivered\n/);
  // Only information, from a command that checks: no "0 checks passed" either.
  const info: Result = {
    command: 'mx',
    target: 'example.test',
    data: {},
    findings: [finding('mx.single', 'info', { title: 'Only one', detail: '', fix: 'x', ref: 'RFC 5321' })],
  };
  assert.match(renderNagios([info]), /^MAILFLOW OK - example\.test: 1 finding for information\n/);
});

test('Prometheus output is valid text exposition', () => {
  const text = renderPrometheus([result]);
  assert.match(text, /# TYPE mailflow_status gauge/);
  assert.match(text, /mailflow_status\{command="probe",target="example\.test"\} 2/);
  assert.match(
    text,
    /mailflow_connect_time_seconds\{command="probe",target="example\.test",host="mx1"\} 0\.012/,
  );
  assert.match(text, /mailflow_cert_seconds_left\{[^}]*\} 3456000/, 'days in seconds, the base unit');
  for (const line of text.trimEnd().split('\n')) {
    assert.match(line, /^(# (HELP|TYPE) \S+ .+|[a-z_]+(\{[^}]*\})? -?[0-9.e+-]+)$/);
  }
});

test('Output returns the worst exit code over all results', async () => {
  const chunks: string[] = [];
  const out = await Output.create('json', (t) => chunks.push(t));
  out.add({ ...result, findings: [result.findings[0]!] });
  out.add(result);
  assert.equal(out.finish(), 2);
  assert.equal(chunks.length, 2);
});

test('lower-bound thresholds render as Nagios "N:" ranges', () => {
  const text = renderNagios([
    { ...result, metrics: [{ name: 'cert_days', value: 5, unit: 'days', warn: 21, crit: 7, below: true }] },
  ]);
  assert.match(text, /'cert_days'=5;21:;7:/);
});

test('grouped findings get a table per group, in order', () => {
  const grouped: Result = {
    ...result,
    tables: [],
    findings: [
      { ...result.findings[0]!, group: 'smtp' },
      finding('spf.ok', 'ok', { title: 'SPF fine', detail: '', fix: '', ref: 'RFC 7208', group: 'spf' }),
    ],
  };
  const text = renderHuman(grouped, { color: false }, 100);
  assert.match(text, /^smtp: OK$/m);
  assert.match(text, /^spf: OK$/m);
  assert.ok(text.indexOf('smtp: OK') < text.indexOf('spf: OK'));
});

test('data tables fit the width: long cells wrap instead of widening the table', () => {
  const long: Result = {
    ...result,
    findings: [],
    tables: [{ id: 'test.t2', columns: headers('host', 'banner'), rows: [['mx1', 'word '.repeat(100)]] }],
  };
  const text = renderHuman(long, { color: false }, 100);
  for (const line of text.trimEnd().split('\n')) assert.ok(line.length <= 100, `line of ${line.length}`);
  assert.match(text, /^│ mx1 {2}│ word/m, 'narrow columns keep their natural width');
});

test('batched output: one write per turn of the event loop, and at once when big or old', async () => {
  const writes: string[] = [];
  // A clock of our own: a loaded machine's pauses must not decide what is batched.
  let clock = 0;
  const b = batchedWriter((t) => writes.push(t), { maxBytes: 10, maxDelayMs: 5, now: () => clock });
  b.write('a\n');
  b.write('b\n');
  assert.deepEqual(writes, [], 'held until the event loop is free');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(writes, ['a\nb\n']);

  b.write('0123456789'); // reaches maxBytes: written without waiting
  assert.deepEqual(writes.at(-1), '0123456789');

  // A runner that never yields: a batch older than maxDelayMs goes out with the next write.
  b.write('c\n');
  clock += 7;
  b.write('d\n');
  assert.equal(writes.at(-1), 'c\nd\n');

  b.write('e\n');
  b.flush();
  assert.equal(writes.at(-1), 'e\n');
  assert.equal(writes.join(''), 'a\nb\n0123456789c\nd\ne\n', 'nothing lost or reordered');
});
