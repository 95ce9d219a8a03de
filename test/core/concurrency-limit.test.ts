// --concurrency means the same in every command that takes it: one limit, one message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const COMMANDS: string[][] = [
  ['mx', 'x.test'],
  ['probe', 'x.test'],
  ['check', 'x.test'],
  ['blocklist', '192.0.2.1'],
];

for (const cmd of COMMANDS) {
  test(`${cmd[0]} --concurrency: one limit (1 to 1024), one message`, async () => {
    for (const bad of ['0', '1025', '2.5']) {
      const r = await runCli([...cmd, '--concurrency', bad]);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /--concurrency must be a whole number from 1 to 1024/);
      assert.equal(r.stdout, '');
    }
  });
}
