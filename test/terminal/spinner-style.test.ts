// The spinner follows the same style rules as the tables: no colour when NO_COLOR is set (the
// pty sets it), and ASCII frames when the locale is not UTF-8. Before the fix ora painted the
// spinner cyan whatever NO_COLOR said, and drew Braille frames under LC_ALL=C.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { scriptedServers } from '../helpers/fake-smtp.js';
import { hasScript, startInPty } from '../helpers/pty.js';

const servers = scriptedServers();
after(servers.closeAll);
const opts = { skip: hasScript() ? false : 'util-linux script is not installed', timeout: 30_000 };

async function spinnerOutput(env: Record<string, string | undefined>): Promise<string> {
  const pit = await servers.start(() => {}); // accepts, never greets: the spinner keeps running
  const pty = startInPty(['probe', `127.0.0.1:${pit.port}`, '--timeout', '60'], env);
  try {
    await pty.waitFor(/Probing/);
    await new Promise((r) => setTimeout(r, 300)); // a few frames
    const shown = pty.output();
    pty.write('\x03');
    const r = await pty.done(15_000);
    assert.equal(r.code, 130, r.output);
    return shown;
  } finally {
    pty.kill();
  }
}

test('spinner: no colour escape under NO_COLOR', opts, async () => {
  const shown = await spinnerOutput({ NO_COLOR: '1' });
  // Any SGR colour (30–39, 90–97) is colour; cursor moves and erases are not.
  assert.doesNotMatch(shown, /\x1b\[(3\d|9[0-7])m/, JSON.stringify(shown));
});

test('spinner: ASCII frames when the locale is not UTF-8', opts, async () => {
  const shown = await spinnerOutput({ NO_COLOR: '1', LC_ALL: 'C', LANG: 'C' });
  assert.doesNotMatch(shown, /[\u2800-\u28ff]/u, JSON.stringify(shown));
});
