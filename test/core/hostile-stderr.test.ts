// Error lines on stderr quote what was typed or read: a file name from a glob, a --since value,
// an unknown word. A terminal escape in any of them is shown as its code, never acted on.
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { hostileTest } from '../helpers/hostile.js';

const ESC = '\x1b[2J\x1b]0;owned\x07';
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

for (const args of [
  ['headers', '--offline', `/nonexistent/${ESC}.eml`],
  ['ndr', `/nonexistent/${ESC}.eml`],
  ['logs', 'summary', `/nonexistent/${ESC}.log`],
  ['logs', 'summary', '--since', ESC, '-'],
  ['mx', '--file', `/nonexistent/${ESC}`],
  [`nosuchcommand${ESC}`],
  ['mx', `--no-such-option${ESC}`],
]) {
  hostileTest(
    `usage error quoting a terminal escape: ${args.join(' ').replaceAll(ESC, '<ESC>')}`,
    20_000,
    async () => {
      const r = await runCli(args, { timeoutMs: 15_000 });
      assert.equal(r.code, 3, r.stderr);
      assert.doesNotMatch(r.stderr, RAW, JSON.stringify(r.stderr));
      assert.match(r.stderr, /\\x1b\[2J/);
    },
  );
}

const HUGE = 'a'.repeat(100_000);

for (const args of [
  ['mx', '--dns', HUGE, 'x.example'],
  ['mx', '--dns', `${'a'.repeat(64)}.example`, 'x.example'],
  ['logs', 'summary', '--since', HUGE, '-'],
  ['headers', `/nonexistent/${HUGE}`],
]) {
  hostileTest(`a 100 KB value is one short usage line: ${args.join(' ').slice(0, 60)}`, 20_000, async () => {
    const r = await runCli(args, { timeoutMs: 15_000 });
    assert.equal(r.code, 3, r.stderr.slice(0, 300));
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.ok(lines.length <= 2 && lines[0]!.length < 700, r.stderr.slice(0, 300));
  });
}
