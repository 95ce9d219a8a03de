// The probe's verdicts from records, without sockets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProbeRecord } from '../../src/checks/probe/address.js';
import { judge as judgeProbe } from '../../src/checks/probe/judge.js';
import { planPorts } from '../../src/checks/probe/ports.js';
import { UsageError } from '../../src/findings/errors.js';

const rec = (
  host: string,
  address: string,
  outcome: ProbeRecord['outcome'],
  extra: Partial<ProbeRecord> = {},
) => ({ host, address, port: 25, service: 'smtp', outcome, ...extra }) as ProbeRecord;
const required = new Set([25]);

test('all exchangers timing out: fail, and the wording names both possibilities', () => {
  const f = judgeProbe({
    records: [rec('mx1.example.com', '192.0.2.1', 'timeout')],
    required,
    timeoutSeconds: 2,
  });
  assert.equal(f.length, 1);
  assert.equal(f[0]!.id, 'probe.timeout');
  assert.equal(f[0]!.severity, 'fail');
  assert.match(f[0]!.detail, /firewall/);
  assert.match(f[0]!.detail, /blocked on the path from here/);
  assert.match(f[0]!.title, /2 s/);
});

test('one exchanger answers: the others are warnings and probe.partial lists them', () => {
  const f = judgeProbe({
    records: [
      rec('mx1.example.com', '192.0.2.1', 'open', {
        greeting: ['220 mx1.example.com ESMTP'],
        connectMs: 5,
        greetingMs: 3,
      }),
      rec('mx2.example.com', '192.0.2.2', 'refused'),
      rec('mx3.example.com', '2001:db8::3', 'banner-timeout'),
    ],
    required,
    timeoutSeconds: 2,
  });
  const by = (id: string) => f.filter((x) => x.id === id);
  assert.equal(by('probe.open')[0]!.severity, 'ok');
  assert.equal(by('probe.refused')[0]!.severity, 'warn');
  assert.equal(by('probe.banner-timeout')[0]!.severity, 'warn');
  const partial = by('probe.partial')[0]!;
  assert.equal(partial.severity, 'warn');
  assert.match(partial.detail, /mx2\.example\.com 192\.0\.2\.2:25/);
  assert.match(partial.detail, /mx3\.example\.com \[2001:db8::3\]:25/);
  assert.ok(f.every((x) => x.ref && (x.severity === 'ok' || x.fix)));
});

test('a 554 greeting is probe.rejected with the explainer reading', () => {
  const f = judgeProbe({
    records: [
      rec('mx.example.com', '192.0.2.9', 'rejected', {
        code: 554,
        greeting: ['554 5.7.1 Client host blocked'],
      }),
    ],
    required,
    timeoutSeconds: 2,
  });
  assert.equal(f[0]!.id, 'probe.rejected');
  assert.equal(f[0]!.severity, 'fail');
  assert.match(f[0]!.title, /554 5\.7\.1 Client host blocked/);
  assert.ok((f[0]!.data as { explanation?: unknown }).explanation);
});

test('failures on optional ports are information only', () => {
  const f = judgeProbe({
    records: [
      rec('mx.example.com', '192.0.2.1', 'open'),
      { ...rec('mx.example.com', '192.0.2.1', 'refused'), port: 389, service: 'ldap' },
    ],
    required,
    timeoutSeconds: 2,
  });
  assert.equal(f.find((x) => x.id === 'probe.refused')!.severity, 'info');
  assert.equal(
    f.find((x) => x.id === 'probe.partial'),
    undefined,
  );
});

test('banner name versus PTR', () => {
  const records = [
    rec('mx.example.com', '192.0.2.1', 'open', {
      bannerName: 'mail.example.com',
      greeting: ['220 mail.example.com'],
    }),
  ];
  const mismatch = judgeProbe({
    records,
    required,
    timeoutSeconds: 2,
    ptr: new Map([['192.0.2.1', ['host-1.isp.example']]]),
  });
  const m = mismatch.find((x) => x.id === 'probe.banner-ptr-mismatch');
  assert.equal(m?.severity, 'info');
  const match = judgeProbe({
    records,
    required,
    timeoutSeconds: 2,
    ptr: new Map([['192.0.2.1', ['MAIL.example.com.']]]),
  });
  assert.equal(
    match.find((x) => x.id === 'probe.banner-ptr-mismatch'),
    undefined,
  );
});

test('port plans: default, presets from Table 7, lists, errors', () => {
  assert.deepEqual(
    planPorts(undefined).map((p) => [p.spec.port, p.required]),
    [[25, true]],
  );
  assert.deepEqual(
    planPorts(undefined, 2525).map((p) => [p.spec.port, p.spec.kind]),
    [[2525, 'smtp']],
  );
  assert.deepEqual(
    planPorts('mail').map((p) => [p.spec.port, p.spec.kind, p.required]),
    [
      [25, 'smtp', true],
      [587, 'smtp', false],
      [465, 'smtps', false],
    ],
  );
  const ex = planPorts('exchange').map((p) => p.spec.port);
  for (const p of [25, 691, 389, 3268, 143, 993, 110, 995, 119, 563, 80, 443])
    assert.ok(ex.includes(p), String(p));
  assert.deepEqual(
    planPorts('25, submission,imaps').map((p) => p.spec.port),
    [25, 587, 993],
  );
  assert.throws(() => planPorts('nonsense'), UsageError);
  assert.throws(() => planPorts('70000'), UsageError);
});

test('targets: an e-mail address means its domain; host:port carries its port', async () => {
  const { targetHost, targetPlan } = await import('../../src/run/probe.js');
  assert.equal(targetHost('sfine@example.com'), 'example.com');
  assert.equal(targetHost('example.com'), 'example.com');
  const p = targetPlan('mx.example.com:2525', planPorts(undefined));
  assert.equal(p.host, 'mx.example.com');
  assert.deepEqual(
    p.plan.map((x) => x.spec.port),
    [2525],
  );
  assert.deepEqual(
    targetPlan('[2001:db8::1]:587', planPorts(undefined)).plan.map((x) => x.spec.port),
    [587],
  );
});
