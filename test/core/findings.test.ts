import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoControlChars, UsageError } from '../../src/findings/errors.js';
import { exitCodeFor, type Finding, sortFindings, worstSeverity } from '../../src/findings/model.js';

const f = (severity: Finding['severity']): Finding => ({
  id: `t.${severity}`,
  severity,
  title: severity,
  detail: '',
  fix: '',
  ref: '',
});

test('worst severity orders ok < info < warn < unknown < fail', () => {
  assert.equal(worstSeverity([]), 'ok');
  assert.equal(worstSeverity([f('ok'), f('info')]), 'info');
  assert.equal(worstSeverity([f('info'), f('warn'), f('ok')]), 'warn');
  assert.equal(worstSeverity([f('fail'), f('warn')]), 'fail');
  assert.equal(
    worstSeverity([f('fail'), f('unknown')]),
    'fail',
    'a proven failure pages even when another part could not be tested',
  );
  assert.equal(worstSeverity([f('warn'), f('unknown')]), 'unknown');
});

test('exit codes follow the Nagios convention', () => {
  assert.deepEqual((['ok', 'info', 'warn', 'fail', 'unknown'] as const).map(exitCodeFor), [0, 0, 1, 2, 3]);
});

test('findings sort worst first and keep order within a severity', () => {
  const sorted = sortFindings([f('ok'), f('fail'), { ...f('ok'), id: 'second-ok' }, f('warn')]);
  assert.deepEqual(
    sorted.map((x) => x.id),
    ['t.fail', 't.warn', 't.ok', 'second-ok'],
  );
});

test('control characters in user input are refused', () => {
  assert.doesNotThrow(() => assertNoControlChars('address', 'a@example.com'));
  for (const bad of ['a@b\r\nRCPT TO:<x@y>', 'a\nb', 'a\0b', 'a\rb']) {
    assert.throws(() => assertNoControlChars('address', bad), UsageError);
  }
});
