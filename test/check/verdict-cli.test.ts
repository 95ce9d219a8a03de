// The verdict line, the blocked-path reasoning, threshold parsing, and usage errors (exit 3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FindingId } from '../../src/catalogue.js';
import { parseThresholds } from '../../src/checks/inbound/thresholds.js';
import { summaryTable, verdictLine, verdictOf } from '../../src/checks/inbound/verdict.js';
import type { ProbeRecord } from '../../src/checks/probe/index.js';
import { blockedPathVerdict } from '../../src/checks/smtp/blocked.js';
import { type Finding, finding, type Severity } from '../../src/findings/model.js';
import { runCli } from '../helpers/cli.js';

const f = (id: FindingId, severity: Severity): Finding =>
  finding(id, severity, { title: id, detail: '', fix: '', ref: 'RFC 5321' });
const rec = (outcome: ProbeRecord['outcome']): ProbeRecord => ({
  host: 'mx.example.test',
  address: '127.0.0.1',
  port: 25,
  service: 'smtp',
  outcome,
});

describe('verdict', () => {
  it('the summary names each finding id once, with its count when it repeats', () => {
    const blocklist = [...Array(8)].map(() => f('blocklist.error', 'unknown'));
    const t = summaryTable(new Map([['blocklist', [...blocklist, f('blocklist.clean', 'ok')]]]), 'v');
    assert.deepEqual(t.rows[0], ['blocklist', 'UNKNOWN', 'blocklist.error (8), blocklist.clean']);
  });

  it('has a stable id beside the words', () => {
    const v = verdictOf('example.test', new Map([['mx', [f('mx.ok', 'ok')]]]), undefined);
    assert.deepEqual(v, {
      id: 'check.verdict.receives',
      text: 'Verdict: example.test can receive mail; nothing needs fixing.',
    });
    assert.equal(
      verdictOf('example.test', new Map([['tls', [f('check.not-tested', 'unknown')]]]), undefined).id,
      'check.verdict.groups-unknown',
    );
  });

  it('inbound failures say mail cannot be received; others do not', () => {
    const reach = { reachable: 0, total: 1 };
    assert.match(
      verdictLine('example.test', new Map([['smtp', [f('probe.refused', 'fail')]]]), reach),
      /example\.test cannot receive mail: no exchanger accepts connections \(0 of 1 exchangers answer\); probe\.refused/,
    );
    assert.match(
      verdictLine('example.test', new Map([['smtp', [f('probe.refused', 'fail'), f('probe.open', 'ok')]]]), {
        reachable: 1,
        total: 2,
      }),
      /cannot receive mail reliably \(1 of 2 exchangers answer\): probe\.refused/,
    );
    assert.match(
      verdictLine(
        'example.test',
        new Map([
          ['smtp', [f('probe.open', 'ok')]],
          ['spf', [f('spf.pass-all', 'fail')]],
        ]),
        { reachable: 1, total: 1 },
      ),
      /can receive mail \(1 of 1 exchangers answer\), but has failures to fix/,
    );
    assert.match(
      verdictLine('example.test', new Map([['mx', [f('mx.ok', 'ok')]]]), undefined),
      /can receive mail; nothing needs fixing/,
    );
    assert.match(
      verdictLine('example.test', new Map([['spf', [f('spf.none', 'warn')]]]), undefined),
      /spf checked for example\.test: warnings/,
    );
    assert.match(
      verdictLine('example.test', new Map([['smtp', [f('probe.timeout', 'unknown')]]]), reach),
      /could not tell/,
    );
  });
});

describe('blocked path', () => {
  it('only when every address timed out', () => {
    assert.equal(blockedPathVerdict([rec('timeout'), rec('open')], 25).findings.length, 0);
    assert.equal(blockedPathVerdict([], 25).findings.length, 0);
    const none = blockedPathVerdict([rec('timeout'), rec('timeout')], 25);
    assert.deepEqual([none.downgrade, none.findings[0]!.id], [true, 'check.port25-maybe-blocked']);
    const ok = blockedPathVerdict([rec('timeout')], 25, { name: 'c.example', outcome: 'open', port: 25 });
    assert.deepEqual([ok.downgrade, ok.findings[0]!.id], [false, 'check.control-ok']);
    const blocked = blockedPathVerdict([rec('timeout')], 25, {
      name: 'c.example',
      outcome: 'timeout',
      port: 25,
    });
    assert.deepEqual([blocked.downgrade, blocked.findings[0]!.id], [true, 'check.port25-blocked']);
  });
});

describe('thresholds and usage', () => {
  it('parses --warning/--critical', () => {
    assert.deepEqual(parseThresholds('3', '--warning'), { time: 3 });
    assert.deepEqual(parseThresholds('time=2.5,days=21', '--warning'), { time: 2.5, days: 21 });
    assert.throws(() => parseThresholds('soon', '--warning'), /--warning takes/);
  });
  it('usage errors exit 3 with one line', async () => {
    for (const args of [
      ['check'],
      ['check', 'example.test', '--skip', 'mx', '--only', 'spf'],
      ['check', 'example.test', '--concurrency', '0'],
      ['check', 'example.test', '--warning', 'days=3', '--critical', 'days=7'],
      ['check', 'example.test', '--helo-name', 'a\r\nRSET'],
      ['check', 'bad..domain'],
      ['check', 'example.test', '--ca', '/nonexistent/ca.pem'],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length <= 2, true, r.stderr);
    }
  });
});
