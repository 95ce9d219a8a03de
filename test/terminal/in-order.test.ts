// inOrder: concurrent jobs yielded in input order; on Ctrl-C, what has finished is handed over
// at once (also results held back behind a slow target) and the unfinished targets are named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Result } from '../../src/findings/model.js';
import { inOrder } from '../../src/run/in-order.js';

const result = (target: string): Result => ({ command: 't', target, findings: [], data: {} });

function deferred() {
  let resolve!: (r: Result) => void;
  const promise = new Promise<Result>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function collect(gen: AsyncIterable<Result>): Promise<string[]> {
  const out: string[] = [];
  for await (const r of gen) out.push(r.target);
  return out;
}

test('results come in input order whatever order the jobs finish in', async () => {
  const delays: Record<string, number> = { a: 30, b: 1, c: 10 };
  const gen = inOrder(
    ['a', 'b', 'c'],
    (t) => t,
    (t) => new Promise<Result>((r) => setTimeout(() => r(result(t)), delays[t])),
    { warn: () => {} },
  );
  assert.deepEqual(await collect(gen), ['a', 'b', 'c']);
});

test('no more than `window` jobs run at once', async () => {
  let running = 0;
  let most = 0;
  const gen = inOrder(
    [...'abcdefgh'],
    (t) => t,
    async (t) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      return result(t);
    },
    { warn: () => {} },
    3,
  );
  assert.equal((await collect(gen)).length, 8);
  assert.equal(most, 3);
});

test('Ctrl-C: finished results behind a stuck target are handed over and the stuck one is named', async () => {
  const controller = new AbortController();
  const stuck = deferred(); // never resolves
  const warnings: string[] = [];
  const started: string[] = [];
  const gen = inOrder(
    ['slow', 'quick', 'later'],
    (t) => t,
    (t) => {
      started.push(t);
      return t === 'slow' ? stuck.promise : Promise.resolve(result(t));
    },
    { signal: controller.signal, warn: (m) => warnings.push(m) },
    2,
  );
  setTimeout(() => controller.abort(), 20);
  assert.deepEqual(await collect(gen), ['quick']);
  assert.deepEqual(started, ['slow', 'quick']);
  assert.deepEqual(warnings, ['not finished when interrupted: slow; not started: 1']);
});
