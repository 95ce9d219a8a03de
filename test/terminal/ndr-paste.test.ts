// A bounce pasted into `mailflow ndr` on a terminal: shown as it is pasted (cooked mode, echo),
// ended by Ctrl-D, decoded. Before the fix the spinner's raw mode swallowed the paste and Ctrl-D,
// and plain `mailflow ndr` refused to read the terminal at all.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/cli.js';
import { hasScript, saneTerminal, startInPty } from '../helpers/pty.js';

const skip = hasScript() ? false : 'util-linux script is not installed';
const bounce = readFileSync(join(ROOT, 'examples/bounce-postfix.eml'), 'utf8');

for (const args of [['ndr', '-'], ['ndr']]) {
  test(`mailflow ${args.join(' ')} on a terminal: the paste is echoed and Ctrl-D ends it`, {
    skip,
    timeout: 30_000,
  }, async () => {
    const pty = startInPty([...args, '--json']);
    try {
      await pty.waitFor(/paste it, then press Ctrl-D/);
      await new Promise((r) => setTimeout(r, 500)); // a person reads the hint, then pastes
      pty.write(bounce.endsWith('\n') ? bounce : `${bounce}\n`);
      await pty.waitFor(/Recipient address rejected: User unknown/); // echoed back
      pty.write('\x04');
      const r = await pty.done(15_000);
      assert.equal(r.code, 0, r.output);
      assert.match(r.output, /"recipient":"bob@example\.net"/);
      assert.match(r.output, /"status":"5\.1\.1"/);
      assert.ok(saneTerminal(r.stty), r.stty);
    } finally {
      pty.kill();
    }
  });
}

test('Ctrl-C halfway through a paste: the note starts on its own line, after the echoed ^C', {
  skip,
  timeout: 30_000,
}, async () => {
  const pty = startInPty(['ndr']);
  try {
    await pty.waitFor(/paste it, then press Ctrl-D/);
    pty.write('Final-Recipient: rfc822; bob@example.net');
    await pty.waitFor(/bob@example\.net/);
    pty.write('\x03');
    const r = await pty.done(15_000);
    assert.equal(r.code, 130, r.output);
    assert.match(r.output, /\^C\r?\nmailflow ndr: interrupted/);
    assert.ok(saneTerminal(r.stty), r.stty);
  } finally {
    pty.kill();
  }
});
