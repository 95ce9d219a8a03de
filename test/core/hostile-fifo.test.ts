// Files that are not files: a FIFO nobody writes to must leave Ctrl-C working (a synchronous
// open() blocked the main thread, and Node ignored the signal until kill -9), and /dev/zero ends
// at the input cap. Generous time limits (helpers/hostile.ts).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { BIN, runCli } from '../helpers/cli.js';
import { hostileTest } from '../helpers/hostile.js';

const dir = mkdtempSync(join(tmpdir(), 'mailflow-fifo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Exit code of mailflow sent SIGINT while it waits on a FIFO with no writer (null: it had to be killed). */
function interruptedOnFifo(args: (fifo: string) => string[]): Promise<number | null> {
  const fifo = join(dir, `fifo-${Math.random().toString(36).slice(2)}`);
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const child = spawn(process.execPath, [BIN, ...args(fifo)], { stdio: 'ignore' });
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    setTimeout(() => child.kill('SIGINT'), 1_500);
    child.on('close', (c) => {
      clearTimeout(kill);
      resolve(c);
    });
  });
}

for (const command of ['headers', 'ndr']) {
  hostileTest(`${command}: Ctrl-C while a FIFO has no writer exits 130`, 20_000, async () => {
    assert.equal(await interruptedOnFifo((f) => [command, f]), 130);
  });

  hostileTest(`${command} /dev/zero ends at the input cap`, 20_000, async () => {
    const r = await runCli([command, '--json', '/dev/zero'], { timeoutMs: 15_000 });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /binary/);
  });
}

for (const command of ['mx', 'check']) {
  hostileTest(`${command} --file: Ctrl-C while a FIFO has no writer exits 130`, 20_000, async () => {
    assert.equal(await interruptedOnFifo((f) => [command, '--file', f]), 130);
  });
}

for (const [label, args] of [
  ['--ca', ['--ca', '/dev/zero']],
  ['--tls-cert', ['--tls-cert', '/dev/zero', '--tls-key', '/dev/zero']],
] as const) {
  hostileTest(`ehlo ${label} /dev/zero is refused at the PEM cap, before connecting`, 20_000, async () => {
    const r = await runCli(['ehlo', '127.0.0.1:1', ...args], { timeoutMs: 15_000 });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, new RegExp(`${label} /dev/zero is more than 4 MiB: not a PEM file`));
  });
}

// send reads its files before it connects: the message, attachments, the password or token.
const SEND = ['send', '--server', '127.0.0.1:1', '--from', 'a@example.test', '--to', 'b@example.test'];
for (const [label, args, said] of [
  ['--data', ['--data', '/dev/zero'], /--data \/dev\/zero is more than 52428800 bytes/],
  ['--attach', ['--attach', '/dev/zero'], /--attach files come to more than 52428800 bytes/],
  [
    '--password-file',
    ['--user', 'u', '--password-file', '/dev/zero'],
    /is more than 64 KiB: not a password file/,
  ],
  ['--token-file', ['--user', 'u', '--token-file', '/dev/zero'], /is more than 64 KiB: not a token file/],
] as const) {
  hostileTest(`send ${label} /dev/zero is refused at its cap, before connecting`, 20_000, async () => {
    const r = await runCli([...SEND, ...args], { timeoutMs: 15_000 });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, said);
  });
}

hostileTest('send --attach: Ctrl-C while a FIFO has no writer exits 130', 20_000, async () => {
  assert.equal(await interruptedOnFifo((f) => [...SEND, '--attach', f]), 130);
});

hostileTest('send --tls-cert/--tls-key: Ctrl-C while a FIFO has no writer exits 130', 20_000, async () => {
  assert.equal(await interruptedOnFifo((f) => [...SEND, '--tls-cert', f, '--tls-key', f]), 130);
});
