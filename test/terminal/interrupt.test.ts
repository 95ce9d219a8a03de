// Ctrl-C on a real (pseudo-)terminal while a spinner runs, and at the password prompt: the run
// ends at once with what it found so far, exit 130, and the terminal is left echoing, in cooked
// mode. Before the fix ora put the terminal in raw mode and Ctrl-C did nothing.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { scriptedServers } from '../helpers/fake-smtp.js';
import { hasScript, saneTerminal, startInPty } from '../helpers/pty.js';

const servers = scriptedServers();
after(servers.closeAll);
const skip = hasScript() ? false : 'util-linux script is not installed';
// A generous limit: the point is "well before --timeout 60", not a measurement.
const opts = { skip, timeout: 30_000 };

const tarpit = () => servers.start(() => {}); // accepts, never greets
const greeter = () =>
  servers.start(async (c) => {
    c.send('220 quick.example.test ESMTP');
    while ((await c.readLine()) !== null) c.send('221 bye');
    c.end();
  });

test('probe: Ctrl-C during a tarpit wait exits 130 at once and leaves the terminal sane', opts, async () => {
  const pit = await tarpit();
  const pty = startInPty(['probe', `127.0.0.1:${pit.port}`, '--timeout', '60']);
  try {
    await pty.waitFor(/Probing/); // the spinner runs
    pty.write('\x03');
    const r = await pty.done(15_000);
    assert.equal(r.code, 130, r.output);
    assert.match(r.output, /interrupted \(Ctrl-C\) before any result was finished/);
    assert.ok(saneTerminal(r.stty), r.stty);
  } finally {
    pty.kill();
  }
});

test('probe: results finished before Ctrl-C are printed', opts, async () => {
  const quick = await greeter();
  const pit = await tarpit();
  const pty = startInPty(['probe', `127.0.0.1:${quick.port}`, `127.0.0.1:${pit.port}`, '--timeout', '60']);
  try {
    await pty.waitFor(/Probing/);
    // The quick server's result is ready well before the tarpit's; wait until it was greeted.
    while (quick.connections === 0) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    pty.write('\x03');
    const r = await pty.done(15_000);
    assert.equal(r.code, 130, r.output);
    assert.match(r.output, new RegExp(`127\\.0\\.0\\.1:${quick.port}`));
    assert.match(r.output, /quick\.example\.test/);
    assert.match(r.output, /the result above finished before it/);
  } finally {
    pty.kill();
  }
});

test('probe: a result held back behind a tarpit is printed at Ctrl-C, the tarpit named', opts, async () => {
  const pit = await tarpit();
  const quick = await greeter();
  const pty = startInPty(['probe', `127.0.0.1:${pit.port}`, `127.0.0.1:${quick.port}`, '--timeout', '60']);
  try {
    await pty.waitFor(/Probing/);
    while (quick.connections === 0) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    pty.write('\x03');
    const r = await pty.done(15_000);
    assert.equal(r.code, 130, r.output);
    assert.match(r.output, /quick\.example\.test/);
    assert.match(r.output, new RegExp(`not finished when interrupted: 127\\.0\\.0\\.1:${pit.port}`));
    assert.match(r.output, /the result above finished before it/);
  } finally {
    pty.kill();
  }
});

test('send: Ctrl-C at the password prompt exits 130 with echo restored', opts, async () => {
  const pty = startInPty(
    [
      'send',
      '--server',
      '127.0.0.1:1',
      '--auth',
      'login',
      '--user',
      'alice',
      '--allow-plaintext-auth',
      '--from',
      'alice@example.org',
      '--to',
      'bob@example.net',
    ],
    { MAILFLOW_PASSWORD: undefined },
  );
  try {
    await pty.waitFor(/Password for alice: /);
    pty.write('sec');
    pty.write('\x03');
    const r = await pty.done(15_000);
    assert.equal(r.code, 130, r.output);
    assert.doesNotMatch(r.output, /sec/);
    assert.ok(saneTerminal(r.stty), r.stty);
  } finally {
    pty.kill();
  }
});
