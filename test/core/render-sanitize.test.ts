// Text from servers, DNS, certificates and bounces never reaches the terminal raw: every control
// or invisible formatting character is shown as its escape (issues 10.4 and 11.13).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finding, type Result } from '../../src/findings/model.js';
import { renderHuman } from '../../src/render/human.js';
import { visible } from '../../src/render/sanitize.js';

/** Columns keyed c0, c1…: these tests are about layout, not column names. */
const headers = (...h: string[]) => h.map((header, i) => ({ key: `c${i}`, header }));

/** Anything a terminal would act on or hide: C0 but line feed, DEL, C1, bidi controls, zero-width. */
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

test('visible: controls, C1, bidi overrides and zero-width characters become escapes', () => {
  assert.equal(visible('a\x1b]0;pwned\x07b'), 'a\\x1b]0;pwned\\x07b');
  assert.equal(visible('\x1b[2J'), '\\x1b[2J');
  assert.equal(visible('x\x9b2Jy'), 'x\\x9b2Jy');
  assert.equal(visible('gpj.\u202eexe'), 'gpj.\\u202eexe');
  assert.equal(visible('\u2066a\u2069 b\u200bc\ufeff'), '\\u2066a\\u2069 b\\u200bc\\ufeff');
  assert.equal(visible('del\x7f nul\x00'), 'del\\x7f nul\\x00');
  assert.equal(visible('tab\there'), 'tab here');
  assert.equal(visible('one\r\ntwo\nthree'), 'one two three');
  assert.equal(visible('one\r\ntwo\rthree', { lines: true }), 'one\ntwo\\x0dthree');
  assert.equal(
    visible('plain ASCII, émigré, 日本, →'),
    'plain ASCII, émigré, 日本, →',
    'ordinary text untouched',
  );
});

const evil = '\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e';

const hostile: Result = {
  command: 'ndr',
  target: `bounce${evil}.eml`,
  findings: [
    finding('ndr.unknown-user', 'fail', {
      title: `bob${evil}@example.net`,
      detail: `550 5.1.1 <bob@example.net>: ${evil} user unknown\nsecond line ${evil}`,
      fix: `Check ${evil}`,
      ref: `RFC 3463 ${evil}`,
      group: `grp${evil}`,
    }),
  ],
  data: {},
  tables: [
    {
      title: `Mail exchangers for ${evil}`,
      id: 'test.t1',
      columns: headers('Exchanger', 'CNAME'),
      rows: [[`mx${evil}.example.test`, `target${evil}.example.test`]],
    },
    {
      id: 'test.t2',
      columns: headers('Subject / SAN'),
      rows: [[`CN=mx1${evil}\nDNS:a.test, DNS:b${evil}.test`]],
    },
  ],
};

test('human output escapes every control character, in every place text is shown', () => {
  for (const columns of [40, 80, 160]) {
    for (const color of [false, true]) {
      const text = renderHuman(hostile, { color }, columns);
      // Colour codes are ours (ESC [ … m); nothing else may carry an ESC.
      const stripped = text.replace(/\x1b\[[0-9;]*m/g, '');
      assert.ok(!RAW.test(stripped), JSON.stringify(stripped));
      assert.ok(stripped.includes('\\x1b]0;pwned\\x07'), stripped);
      assert.ok(stripped.includes('\\u202e'));
      assert.ok(stripped.includes('\\x9b31m'));
    }
  }
});
