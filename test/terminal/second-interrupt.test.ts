// The first Ctrl-C (SIGINT) asks the run to stop and lets it print what it has; a second one
// exits at once with 130, even when the run would never stop by itself.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const interrupt = fileURLToPath(new URL('../../src/cli/interrupt.js', import.meta.url));

test('a second Ctrl-C exits 130 at once when the first did not end the run', {
  timeout: 30_000,
}, async () => {
  // A run that ignores the abort and never ends.
  const script = `
    const { watchInterrupt } = await import(${JSON.stringify(interrupt)});
    const w = watchInterrupt(() => process.stdout.write('second\\n'), 60_000);
    w.signal.addEventListener('abort', () => process.stdout.write('aborted\\n'));
    setInterval(() => {}, 1000);
    process.stdout.write('ready\\n');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const waiting = new Set<() => void>();
  child.stdout.on('data', (d) => {
    out += d;
    for (const w of waiting) w();
  });
  const seen = (word: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!out.includes(word)) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await seen('ready');
  child.kill('SIGINT');
  await seen('aborted');
  assert.equal(child.exitCode, null, 'still running after the first Ctrl-C');
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  assert.match(out, /ready\naborted\nsecond\n/);
});
