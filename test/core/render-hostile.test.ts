// Human output stays fast however long the text: every cell is bounded before it reaches the
// table, and the table never meets cli-table3's slow paths (issue 11.1: a 4 KB multi-line cell
// took 22 s). The time limits are generous; a slow path blows through them by orders of magnitude.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finding, type Result } from '../../src/findings/model.js';
import { boundText, CELL_MAX_CHARS, CELL_MAX_LINES } from '../../src/render/bound.js';
import { renderHuman } from '../../src/render/human.js';
import { hostileTest } from '../helpers/hostile.js';

/** Columns keyed c0, c1…: these tests are about layout, not column names. */
const headers = (...h: string[]) => h.map((header, i) => ({ key: `c${i}`, header }));

const base: Result = { command: 'ehlo', target: 'mx.example.test', findings: [], data: {} };

function maxLineWidth(text: string): number {
  return Math.max(...text.split('\n').map((l) => l.length));
}

hostileTest('a 1 MB finding detail renders at once, cut with a count of what was left out', 5000, () => {
  const detail = 'x'.repeat(300_000) + ' word'.repeat(140_000);
  const r: Result = {
    ...base,
    findings: [finding('ehlo.ok', 'ok', { title: 'ok', detail, fix: '', ref: 'RFC 5321' })],
  };
  for (const columns of [80, 120]) {
    const text = renderHuman(r, { color: false }, columns);
    assert.ok(text.length < 20_000, `${text.length} characters`);
    assert.match(text, /… 99\d,\d{3} more characters/);
  }
});

hostileTest('a 60 KB multi-line cell (an EHLO reply) renders at once, cut at a line count', 5000, () => {
  const reply = Array.from({ length: 3000 }, (_, i) => `250-X-VERB-${i} ${'a'.repeat(10)}`).join('\n');
  assert.ok(reply.length > 60_000);
  const r: Result = {
    ...base,
    tables: [{ title: 'Transcript', id: 'test.t1', columns: headers('Conversation'), rows: [[reply]] }],
  };
  const text = renderHuman(r, { color: false }, 120);
  assert.match(text, new RegExp(`… ${(3000 - CELL_MAX_LINES).toLocaleString('en-US')} more lines`));
  assert.ok(maxLineWidth(text) <= 120);
});

hostileTest('a table of 1,000 rows renders at once, every row drawn', 5000, () => {
  const rows = Array.from({ length: 1000 }, (_, i) => [
    String(i),
    `mx${i}.example.test\n(CNAME → alias${i}.example.test)`,
    `192.0.2.${i % 256}\n2001:db8::${i.toString(16)}`,
    `host-${i}.example.net`,
  ]);
  const r: Result = {
    ...base,
    command: 'mx',
    tables: [{ id: 'test.t2', columns: headers('Pref', 'Exchanger', 'Address', 'PTR'), rows }],
  };
  const text = renderHuman(r, { color: false }, 120);
  assert.match(text, /mx999\.example\.test/);
  assert.equal(
    text.split('\n').filter((l) => l.startsWith('├')).length,
    1000,
    'a separator under the head and between rows',
  );
});

hostileTest('a 4,000-byte banner and a certificate with 1,800 names render at once', 5000, () => {
  const san = Array.from({ length: 1800 }, (_, i) => `host${i}.example.test`).join(', ');
  const r: Result = {
    ...base,
    tables: [
      {
        id: 'test.t3',
        columns: headers('Server', 'Banner'),
        rows: [['mx1', `220 ${'b'.repeat(4000)}\n250 ok`]],
      },
      { id: 'test.t4', columns: headers('Subject / SAN', 'Issuer'), rows: [[`CN=mx1\n${san}`, 'Test CA']] },
    ],
  };
  const text = renderHuman(r, { color: false }, 100);
  assert.match(text, /… [\d,]+ more characters/);
});

test('cells are cut at a character and a line limit, saying how much is left', () => {
  assert.equal(boundText('short'), 'short');
  assert.equal(boundText('abcdef', 3), 'abc … 3 more characters');
  assert.equal(boundText('a\nb\nc\nd', 100, 2), 'a\nb\n… 2 more lines');
  assert.equal(boundText('x'.repeat(CELL_MAX_CHARS + 1)).endsWith('… 1 more character'), true);
  // A surrogate pair is never split.
  assert.equal(boundText('ab😀cd', 3), 'ab … 4 more characters');
});

hostileTest(
  'a table whose rows hold many lines is cut at a line budget, saying how many rows are left',
  5000,
  () => {
    const rows = Array.from({ length: 500 }, (_, i) => [
      `mx${i}`,
      Array.from({ length: 40 }, (_, k) => `line ${k}`).join('\n'),
    ]);
    const r: Result = { ...base, tables: [{ id: 'test.t5', columns: headers('Host', 'Reply'), rows }] };
    const text = renderHuman(r, { color: false }, 100);
    assert.ok(text.split('\n').length < 5200, `${text.split('\n').length} lines`);
    assert.match(text, /^… [\d,]+ more rows \(--json lists all\)$/m);
  },
);

hostileTest(
  '1 MB of Japanese without spaces, in every row of a table, renders at once and wraps',
  5000,
  () => {
    const sentence = 'グループにメッセージを投稿する権限がない可能性があります。'.repeat(36_000);
    assert.ok(sentence.length > 1_000_000);
    const rows = Array.from({ length: 50 }, (_, i) => [`mx${i}.example.test`, sentence]);
    const r: Result = { ...base, tables: [{ id: 'test.t5', columns: headers('Server', 'Reply'), rows }] };
    const text = renderHuman(r, { color: false }, 80);
    assert.match(text, /^│ Server +│ Reply +│$/m);
    assert.match(text, /… [\d,]+ more rows/);
    assert.ok(text.length < 300_000, `${text.length} characters`);
  },
);

hostileTest(
  '1 MB of Thai without spaces, in every row of a table, renders at once and wraps between words',
  5000,
  () => {
    const sentence = 'ไม่พบผู้รับที่อยู่อีเมลนี้ในระบบของเรากรุณาตรวจสอบที่อยู่อีเมลของผู้รับอีกครั้ง'.repeat(14_000);
    assert.ok(sentence.length > 1_000_000);
    const rows = Array.from({ length: 50 }, (_, i) => [`mx${i}.example.test`, sentence]);
    const r: Result = { ...base, tables: [{ id: 'test.t6', columns: headers('Server', 'Reply'), rows }] };
    const text = renderHuman(r, { color: false }, 80);
    assert.match(text, /^│ Server +│ Reply +│$/m);
    assert.match(text, /more characters/);
    assert.match(text, /… [\d,]+ more rows/);
    assert.ok(text.length < 300_000, `${text.length} characters`);
  },
);
