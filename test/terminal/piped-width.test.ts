// `mailflow … | less` (or `| cat`) at a terminal: stdout is a pipe and knows no width, but the page
// is read on the terminal stderr still shows, so tables fit that terminal, not a 120-column guess.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasScript, startInPty } from '../helpers/pty.js';

const skip = hasScript() ? false : 'util-linux script is not installed';
const BOUNCE =
  '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table';

test('piped through cat on an 80-column terminal, no line is wider than 80', {
  skip,
  timeout: 30_000,
}, async () => {
  const pty = startInPty(['ndr', BOUNCE], { COLUMNS: undefined }, { pipeTo: 'cat' });
  try {
    const r = await pty.done(20_000);
    assert.equal(r.code, 0, r.output);
    // What came through the pipe: from the verdict line on (the spinner before it is stderr's).
    const piped = r.output.slice(r.output.indexOf('ndr argument:'), r.output.indexOf('EXIT='));
    const lines = piped.split(/\r?\n/);
    assert.ok(
      lines.some((l) => l.startsWith('│')),
      r.output,
    );
    for (const line of lines) assert.ok(line.length <= 80, `${line.length} > 80: ${line}`);
  } finally {
    pty.kill();
  }
});
