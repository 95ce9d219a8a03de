// Headers pasted into `mailflow headers` on a terminal, as into `mailflow ndr`: a hint, the paste
// echoed as it is (no spinner drawn over it), Ctrl-D ends it. Before, plain `mailflow headers` on a
// terminal stopped at once with a usage error, and the person's paste went to the shell as commands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasScript, saneTerminal, startInPty } from '../helpers/pty.js';

const skip = hasScript() ? false : 'util-linux script is not installed';
const headers = [
  'Received: from mail.a.example (mail.a.example [192.0.2.1])',
  '        by mx.b.example with ESMTPS id 4XYZ; Tue, 5 Mar 2024 10:00:07 +0000',
  'From: Alice <alice@a.example>',
  'Subject: pasted',
  '',
].join('\n');

for (const args of [['headers', '-'], ['headers']]) {
  test(`mailflow ${args.join(' ')} on a terminal: the paste is echoed and Ctrl-D ends it`, {
    skip,
    timeout: 30_000,
  }, async () => {
    const pty = startInPty([...args, '--offline']);
    try {
      await pty.waitFor(/paste them, then press Ctrl-D/);
      await new Promise((r) => setTimeout(r, 500)); // a person reads the hint, then pastes
      pty.write(headers);
      await pty.waitFor(/Subject: pasted/); // echoed back
      pty.write('\x04');
      const r = await pty.done(15_000);
      assert.equal(r.code, 0, r.output);
      assert.match(r.output, /Path of -: 1 hop/);
      assert.doesNotMatch(r.output, /reading standard input/, 'no spinner over the paste');
      assert.ok(saneTerminal(r.stty), r.stty);
    } finally {
      pty.kill();
    }
  });
}
