// Nagios and Prometheus output as their consumers read it: promtool (Debian's `prometheus`
// package) must accept the exposition, and a Nagios plugin-output parser written from the
// Nagios Plugin Development Guidelines must find unique, well-formed perfdata labels.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Finding, finding, type Metric, type Result } from '../../src/findings/model.js';
import { renderJson, renderNagios, renderPrometheus } from '../../src/render/machine.js';
import { assertPromtoolAccepts, skipPromtool } from '../helpers/promtool.js';

const open = (host: string): Finding =>
  finding('probe.open', 'ok', { title: `${host} answers`, detail: '220 ready', fix: '', ref: 'Book ch. 5' });

/** What `check example.test` yields: the same finding once per exchanger, metrics per address. */
function checkResult(target: string): Result {
  const metrics: Metric[] = [];
  for (const [host, address] of [
    ['mx1.example.test', '192.0.2.1'],
    ['mx2.example.test', '192.0.2.2'],
  ] as const) {
    metrics.push({ name: 'smtp_connect', value: 12, unit: 'ms', labels: { exchanger: host, address } });
    metrics.push({
      name: 'tls_cert_expiry',
      value: 40,
      unit: 'days',
      labels: { exchanger: host },
      warn: 21,
      crit: 7,
      below: true,
    });
  }
  metrics.push({ name: 'exchangers_reachable', value: 2, help: 'Exchangers that answered' });
  metrics.push({ name: 'check_duration', value: 1.5, unit: 's' });
  return {
    command: 'check',
    target,
    findings: [
      open('mx1.example.test'),
      open('mx2.example.test'),
      finding('tls.cert-expiring', 'warn', {
        title: 'expires soon',
        detail: '',
        fix: 'renew',
        ref: 'RFC 8446',
      }),
    ],
    data: {},
    metrics,
  };
}

/** A probe of two targets: the same unlabelled metrics in each. */
function probeResult(target: string): Result {
  return {
    command: 'probe',
    target,
    findings: [open(target)],
    data: {},
    metrics: [
      { name: 'probe_reachable', value: 1 },
      { name: 'probe_addresses', value: 1 },
    ],
  };
}

const hostile: Result = {
  command: 'mx',
  target: 'evil\x1b]0;pwned\x07"\\\n.test',
  findings: [
    finding('mx.ok', 'ok', { title: 'MX \x1b[2J\u202e ok | yes', detail: '', fix: '', ref: 'RFC 5321' }),
  ],
  data: {},
  metrics: [{ name: 'mx_exchangers', value: 1, labels: { domain: 'evil\x9b2J\u202e.test' } }],
};

describe('Prometheus text passes promtool check metrics', { skip: skipPromtool() }, () => {
  for (const [name, results] of [
    ['check with the same finding per exchanger', [checkResult('example.test')]],
    [
      'two targets, and one named twice',
      [checkResult('a.test'), checkResult('b.test'), checkResult('a.test')],
    ],
    ['probe of two targets', [probeResult('a.test'), probeResult('b.test')]],
    ['hostile names and label values', [hostile]],
  ] as const) {
    test(name, () => {
      assertPromtoolAccepts(renderPrometheus([...results]));
    });
  }
});

test("Prometheus: every series once, HELP and TYPE once per family, a family's samples together", () => {
  const text = renderPrometheus([checkResult('example.test'), checkResult('example.test')]);
  const lines = text.trimEnd().split('\n');
  const samples = lines.filter((l) => !l.startsWith('#'));
  const series = samples.map((l) => l.slice(0, l.lastIndexOf(' ')));
  assert.equal(new Set(series).size, series.length, `repeated series:\n${text}`);
  const families = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
  assert.equal(new Set(families).size, families.length);
  // Grouped: once a family's samples end, its name never comes back.
  const order = samples.map((l) => /^[a-z_]+/.exec(l)![0]);
  const runs = order.filter((n, i) => n !== order[i - 1]);
  assert.equal(new Set(runs).size, runs.length, `families interleaved:\n${text}`);
  assert.match(
    text,
    /^mailflow_finding\{command="check",target="example\.test",id="probe\.open",severity="ok"\} 0$/m,
  );
  assert.match(
    text,
    /^mailflow_findings\{command="check",target="example\.test",id="probe\.open",severity="ok"\} 2$/m,
  );
  assert.match(text, /^mailflow_tls_cert_expiry_seconds\{[^}]*exchanger="mx1\.example\.test"\} 3456000$/m);
});

test('Prometheus label values: control characters shown escaped, then escaped as the format asks', () => {
  const text = renderPrometheus([hostile]);
  assert.ok(!/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/.test(text), JSON.stringify(text));
  assert.ok(text.includes('target="evil\\\\x1b]0;pwned\\\\x07\\"\\\\ .test"'), text);
  assert.ok(text.includes('domain="evil\\\\x9b2J\\\\u202e.test"'), text);
});

/** Nagios plugin output: `SERVICE STATE - text | perfdata` then more text lines (Nagios Plugin Development Guidelines). */
function parsePluginOutput(out: string) {
  const [first = '', ...rest] = out.replace(/\n$/, '').split('\n');
  const m = /^MAILFLOW (OK|WARNING|CRITICAL|UNKNOWN) - ([^|]*?)(?: \| (.*))?$/.exec(first);
  assert.ok(m, `status line: ${first}`);
  const perf: { label: string; value: string; uom: string; warn?: string; crit?: string }[] = [];
  // 'label'=value[UOM];[warn];[crit];[min];[max]: a quoted label has no ' or =; a bare one no space.
  const item = /('([^'=]+)'|([^'= ]+))=(-?[0-9.]+)([a-zA-Z%]*)((?:;[^; ]*){0,4}) ?/y;
  const text = m[3] ?? '';
  let at = 0;
  while (at < text.length) {
    item.lastIndex = at;
    const p = item.exec(text);
    assert.ok(p, `perfdata at ${at}: ${text.slice(at)}`);
    const [, , quoted, bare, value, uom, tail] = p;
    const [warn, crit] = tail!.split(';').slice(1);
    perf.push({ label: (quoted ?? bare)!, value: value!, uom: uom!, warn, crit });
    at = item.lastIndex;
  }
  for (const l of rest) assert.ok(!l.includes('|'), `a pipe after the first line: ${l}`);
  return { state: m[1]!, text: m[2]!, perf, details: rest };
}

test('Nagios: perfdata labels are unique and well-formed (probe a b; check with two exchangers)', () => {
  for (const results of [
    [probeResult('a.test'), probeResult('b.test')],
    [checkResult('example.test')],
    [checkResult('a.test'), checkResult('a.test')],
    [hostile],
  ]) {
    const out = renderNagios(results);
    const parsed = parsePluginOutput(out);
    const labels = parsed.perf.map((p) => p.label);
    assert.equal(new Set(labels).size, labels.length, out);
    for (const p of parsed.perf) {
      assert.match(p.uom, /^(|s|ms|us|%|B|KB|MB|TB|c)$/);
      for (const t of [p.warn, p.crit]) if (t) assert.match(t, /^@?(-?[0-9.]+|~)?:?(-?[0-9.]+)?$/);
    }
  }
  const probe = parsePluginOutput(renderNagios([probeResult('a.test'), probeResult('b.test')]));
  assert.deepEqual(
    probe.perf.map((p) => p.label),
    ['probe_reachable_a.test', 'probe_addresses_a.test', 'probe_reachable_b.test', 'probe_addresses_b.test'],
  );
  const check = parsePluginOutput(renderNagios([checkResult('example.test')]));
  assert.equal(check.state, 'WARNING');
  assert.ok(check.perf.some((p) => p.label === 'tls_cert_expiry_mx1.example.test' && p.warn === '21:'));
});

test('Nagios text from outside is shown escaped, on one line', () => {
  const out = renderNagios([{ ...hostile, findings: [{ ...hostile.findings[0]!, severity: 'fail' }] }]);
  assert.ok(!/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/.test(out), JSON.stringify(out));
  const parsed = parsePluginOutput(out);
  assert.equal(parsed.state, 'CRITICAL');
  assert.match(parsed.text, /evil\\x1b\]0;pwned\\x07"\\ \.test: MX \\x1b\[2J\\u202e ok \/ yes/);
});

test('JSON: status is the worst severity, findings worst first, strings exact', () => {
  const json = JSON.parse(renderJson(checkResult('example.test')));
  assert.equal(json.status, 'warn');
  assert.deepEqual(
    json.findings.map((f: Finding) => f.severity),
    ['warn', 'ok', 'ok'],
  );
  assert.deepEqual(Object.keys(json).slice(0, 4), ['command', 'target', 'status', 'findings']);
  assert.equal(JSON.parse(renderJson(hostile)).target, hostile.target, 'JSON keeps data exact');
  assert.equal(JSON.parse(renderJson({ ...hostile, findings: [] })).status, 'ok');
});
