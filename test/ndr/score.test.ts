// The decoder against the labelled corpus of real bounces (vendored in test/fixtures/ndr).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultCorpus, scoreCorpus } from '../../bench/ndr-score.js';

const corpus = defaultCorpus();

test('corpus: first recipient status and reply code match the labels for at least 97%', {
  skip: !existsSync(join(corpus, 'labels.tsv')) && `no corpus at ${corpus}`,
}, () => {
  const s = scoreCorpus(corpus);
  assert.ok(s.total >= 100, `only ${s.total} labelled files`);
  const misses = s.misses.map((m) => `${m.file}: want ${m.want}, got ${m.got}`).join('\n');
  assert.ok(s.statusOk / s.total >= 0.97, `status ${s.statusOk}/${s.total}\n${misses}`);
  assert.ok(s.replyOk / s.total >= 0.97, `reply ${s.replyOk}/${s.total}\n${misses}`);
});
