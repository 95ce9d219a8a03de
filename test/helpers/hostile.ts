// Hostile-input tests: each runs under a generous time limit, and going over it fails that test.
//
// node:test's `{ timeout }` alone cannot do this for synchronous work: a backtracking regex blocks
// the event loop, the timer cannot fire until the test has returned, and by then the test has
// passed. So the limit is held both ways: the runner's timeout for a test that never settles
// (a hung child process), and the time the test took, measured around it, for one that blocked.
// The limits are generous (seconds where the work takes milliseconds): they catch a quadratic or
// exponential pattern, not a busy machine.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { type TestContext, test } from 'node:test';

export function hostileTest(
  name: string,
  limitMs: number,
  fn: (t: TestContext) => unknown | Promise<unknown>,
): void {
  test(name, { timeout: limitMs }, async (t) => {
    const started = performance.now();
    await fn(t);
    const took = performance.now() - started;
    assert.ok(took <= limitMs, `took ${Math.round(took)} ms, over the ${limitMs} ms limit for hostile input`);
  });
}
