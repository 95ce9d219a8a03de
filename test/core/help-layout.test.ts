// --help at the widths people use: no line wider than the terminal, and an option's type never
// glued to its description (cliui drops the gap when the description fills its column exactly:
// `repeat for more[array]` at 80 columns, `redacted)[boolean]` at 100).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixHelpGaps } from '../../src/cli/help-gaps.js';
import { runCli } from '../helpers/cli.js';

const COMMANDS = [
  '',
  'check',
  'mx',
  'probe',
  'ehlo',
  'send',
  'relay',
  'ndr',
  'headers',
  'logs',
  'blocklist',
  'session',
  'completion',
];
const GLUED = /\S\[(?:boolean|string|number|array|count|required|choices:|default:)/;

test('fixHelpGaps: glued annotations move to their own line, right-aligned; others are untouched', () => {
  const glued = '      --header   Extra header; repeat for more[array]';
  assert.equal(
    fixHelpGaps(glued, 60),
    `      --header   Extra header; repeat for more\n${' '.repeat(52)}[array]`,
  );
  const spaced = '      --json     Print JSON                  [boolean]';
  assert.equal(fixHelpGaps(spaced, 60), spaced);
  assert.equal(fixHelpGaps('  see [RFC 5321] and more', 60), '  see [RFC 5321] and more');
});

for (const columns of [80, 100]) {
  test(`--help of every command at ${columns} columns fits and keeps types apart`, {
    timeout: 120_000,
  }, async () => {
    for (const command of COMMANDS) {
      const r = await runCli([...(command ? [command] : []), '--help'], {
        env: { COLUMNS: String(columns) },
      });
      assert.equal(r.code, 0, command);
      for (const line of r.stdout.split('\n')) {
        assert.ok([...line].length <= columns, `${command} --help: ${line}`);
        assert.doesNotMatch(line, GLUED, `${command} --help`);
      }
    }
  });
}
