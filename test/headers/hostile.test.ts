// Hostile input must end in an answer quickly: a 1 MB Received line, a thousand Received lines,
// comment and bracket floods. Only a generous per-test time limit, no timing assertion.
import assert from 'node:assert/strict';
import { parseAuthResults } from '../../src/headers/auth-results.js';
import { readHead } from '../../src/headers/message.js';
import { parseReceived } from '../../src/headers/received.js';
import { toResult } from '../../src/headers/report.js';
import { hostileTest } from '../helpers/hostile.js';

const MB = 1024 * 1024;

hostileTest('one 1 MB Received line of each hostile shape', 20_000, () => {
  for (const v of [
    `from ${'a'.repeat(MB)}`,
    `from x (${'('.repeat(MB)}`,
    `from x ${'[1.2.3.4'.repeat(MB / 8)}`,
    `from x (${'1:'.repeat(MB / 2)}) by y; Tue, 5 Mar 2024 10:00:00 +0000`,
    `${'; '.repeat(MB / 2)}`,
    `by y with ${'ESMTP '.repeat(MB / 6)}; 5 Mar 2024 10:00:00 +0000`,
    `from x (helo=${'h'.repeat(MB)}`,
    `from x ${'5 Mar 2024 '.repeat(MB / 11)}`,
  ]) {
    const r = parseReceived(v);
    assert.ok(r.raw.length <= 2001);
  }
});

hostileTest('a thousand Received lines, and hundreds more than the cap', 30_000, () => {
  const line = (i: number) =>
    `Received: from h${i}.example (h${i}.example [192.0.2.${i % 250}]) by h${i + 1}.example with ESMTPS id ${i}; Tue, 5 Mar 2024 10:${String(Math.trunc(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000`;
  const many = `${Array.from({ length: 1500 }, (_, i) => line(1499 - i)).join('\n')}\nFrom: a@b.example\n`;
  const r = toResult('many', readHead(many)!, [], null, null);
  assert.equal(r.data.hops.length, 1000);
  assert.ok(r.data.hops.every((h) => h.parsed));
});

hostileTest('a 1 MB Authentication-Results and a folded header of a million lines', 20_000, () => {
  const a = parseAuthResults(`x; ${'spf=pass ('.repeat(MB / 10)}`, 'Authentication-Results', 0);
  assert.ok(a.methods.length <= 100);
  const folded = `Received: from a\n${' x\n'.repeat(MB / 3)}From: a@b.example\n`;
  const r = toResult('folded', readHead(folded)!, [], null, null);
  assert.equal(r.data.hops.length, 1);
});
