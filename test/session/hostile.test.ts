// `mailflow session --replay` against hostile files and a hostile server: a recording or a data
// file that never ends (/dev/zero) stops at a cap with one line; a terminal escape in a recorded
// line or in the server's text is shown as its code. Generous time limits (helpers/hostile.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { type FakeConn, scriptedServers } from '../helpers/fake-smtp.js';
import { hostileTest } from '../helpers/hostile.js';

const servers = scriptedServers();
const dir = mkdtempSync(join(tmpdir(), 'mailflow-session-hostile-'));
after(async () => {
  await servers.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const ESC = '\x1b[2J\x1b]0;owned\x07';
const RAW = /[\x00-\x08\x0b-\x1f\x7f]/;

/** Greets, says 250 (with a terminal escape) to every command, 354 to DATA, 221 to QUIT. */
async function hostileServer(conn: FakeConn): Promise<void> {
  conn.send(`220 fake.example ESMTP ${ESC}`);
  for (let i = 0; i < 100; i++) {
    const line = await conn.readLine();
    if (line === null) return;
    if (/^QUIT/i.test(line)) return conn.send('221 bye');
    if (/^DATA/i.test(line)) conn.send('354 go ahead');
    else conn.send(`250 ok ${ESC}`);
  }
}

hostileTest('--replay /dev/zero is refused with one line, exit 3', 20_000, async () => {
  const srv = await servers.start(hostileServer);
  const r = await runCli(['session', `127.0.0.1:${srv.port}`, '--replay', '/dev/zero'], {
    timeoutMs: 15_000,
  });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /--replay \/dev\/zero is not a recording/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

hostileTest('data /dev/zero in a recording stops at the message cap', 30_000, async () => {
  const srv = await servers.start(hostileServer);
  const file = join(dir, 'data-zero.txt');
  writeFileSync(
    file,
    'EHLO client.example\nMAIL FROM:<a@client.example>\nRCPT TO:<b@fake.example>\ndata /dev/zero\n',
  );
  const r = await runCli(['session', `127.0.0.1:${srv.port}`, '--replay', file], { timeoutMs: 25_000 });
  assert.ok(r.code !== null && r.code <= 3, r.stderr);
  assert.match(r.stdout, /! \/dev\/zero is more than 50 MiB; mailflow sends at most that/);
});

hostileTest('terminal escapes in a recorded line and in replies are shown as codes', 20_000, async () => {
  const srv = await servers.start(hostileServer);
  const file = join(dir, 'escapes.txt');
  writeFileSync(file, `EHLO client.example\nNOOP ${ESC}\n`);
  const r = await runCli(['session', `127.0.0.1:${srv.port}`, '--replay', file], { timeoutMs: 15_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW, JSON.stringify(r.stdout));
  assert.match(r.stdout, /C: NOOP \\x1b\[2J/);
});
