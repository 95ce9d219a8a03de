// The Nagios summary counts honestly: only ok findings passed; info ones are counted apart;
// a run without findings is UNKNOWN, never "0 checks passed".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindingId } from '../../src/catalogue.js';
import { finding, type Severity } from '../../src/findings/model.js';
import { renderNagios } from '../../src/render/machine.js';

const f = (id: FindingId, severity: Severity) =>
  finding(id, severity, { title: id, detail: '', fix: '', ref: 'RFC 5321' });

test('probe --ports exchange with 2 ports open and 15 refused: "2 checks passed, 15 for information"', () => {
  const findings = [
    f('probe.open', 'ok'),
    f('probe.open', 'ok'),
    ...Array.from({ length: 15 }, () => f('probe.refused', 'info')),
  ];
  const out = renderNagios([{ command: 'probe', target: '127.0.0.11', findings, data: {} }]);
  assert.match(out, /^MAILFLOW OK - 127\.0\.0\.11: 2 checks passed, 15 for information/);
});

test('nothing checked is UNKNOWN', () => {
  const out = renderNagios([{ command: 'check', target: 'x.test', findings: [], data: {} }]);
  assert.match(out, /^MAILFLOW UNKNOWN - x\.test: nothing was checked/);
});
