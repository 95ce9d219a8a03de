// The test servers' readiness check: a port answers, and the listener is the started process's
// own, not another test file's server handed the same port (helpers/listener.ts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { holdsPort } from '../helpers/listener.js';

const skip = existsSync('/proc/net/tcp') ? false : 'no /proc/net/tcp (not Linux)';

test('holdsPort: true for the process listening, false for another process', { skip }, async () => {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
  try {
    assert.equal(holdsPort(process.pid, port), true);
    assert.equal(holdsPort(process.pid, port, 'tcp', [6]), false, 'listening on IPv4 only');
    assert.equal(holdsPort(other.pid, port), false);
  } finally {
    other.kill();
    await new Promise<void>((r) => srv.close(() => r()));
  }
  assert.equal(holdsPort(process.pid, port), false, 'closed');
});
