// The hostile-input time limit (helpers/hostile.ts) fails a test whose work blocks the event loop,
// which node:test's `{ timeout }` alone lets pass (its timer fires only after the test returned).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const HELPER = new URL('../helpers/hostile.js', import.meta.url).href;

function runTestFile(body: string): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-hostile-'));
  try {
    const file = join(dir, 'blocking.test.mjs');
    writeFileSync(file, body);
    // Without the variable node:test sets for its own children, so this run reports for itself.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    return spawnSync(process.execPath, ['--test', file], { encoding: 'utf8', env, timeout: 60_000 }).status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BUSY = 'const t = Date.now(); while (Date.now() - t < 400);';

test('a hostile-input test that blocks past its limit fails', () => {
  const code = runTestFile(
    `import { hostileTest } from ${JSON.stringify(HELPER)};\nhostileTest('blocks', 100, () => { ${BUSY} });\n`,
  );
  assert.equal(code, 1);
});

test("node:test's timeout alone lets the same blocking test pass (why the helper measures)", () => {
  const code = runTestFile(
    `import { test } from 'node:test';\ntest('blocks', { timeout: 100 }, () => { ${BUSY} });\n`,
  );
  assert.equal(code, 0);
});

test('a hostile-input test within its limit passes', () => {
  const code = runTestFile(
    `import { hostileTest } from ${JSON.stringify(HELPER)};\nhostileTest('quick', 10_000, () => {});\n`,
  );
  assert.equal(code, 0);
});
