// readLines at its edges: Ctrl-C in the middle of a file, and a path that cannot be read.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from '../../src/findings/errors.js';
import { type ReadStats, readLines } from '../../src/logs/reader.js';

const dir = mkdtempSync(join(tmpdir(), 'mailflow-reader-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('Ctrl-C mid-file: the line cut at the chunk boundary is not handed over as a line', async () => {
  const file = join(dir, 'big.log');
  const line = 'x'.repeat(98);
  // 99-byte lines: the first 1 MiB chunk ends inside one.
  writeFileSync(file, `${line}\n`.repeat(20_000));
  const controller = new AbortController();
  const seen: string[] = [];
  const stats: ReadStats = { lines: 0, overlong: 0, bytes: 0, damaged: 0, runaway: 0 };
  await readLines(
    file,
    (l) => {
      seen.push(l);
      controller.abort();
    },
    stats,
    undefined,
    controller.signal,
  );
  assert.equal(stats.interrupted, true);
  assert.ok(seen.length > 0);
  assert.deepEqual(
    seen.filter((l) => l !== line),
    [],
    'only whole lines',
  );
});

test('a directory is a usage error in words, not an errno code', async () => {
  const stats: ReadStats = { lines: 0, overlong: 0, bytes: 0, damaged: 0, runaway: 0 };
  await assert.rejects(
    readLines(dir, () => {}, stats),
    (e: unknown) =>
      e instanceof UsageError &&
      e.message === `cannot read ${dir}: it is a directory; name the log files in it`,
  );
});
