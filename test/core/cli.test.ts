import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

test('--version prints the package version', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('--help lists every command and the exit codes', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  for (const cmd of ['check', 'mx', 'probe', 'ehlo', 'send', 'relay', 'ndr']) {
    assert.match(r.stdout, new RegExp(`mailflow ${cmd}\\b`));
  }
  assert.match(r.stdout, /Exit codes/);
});

test('each command has help with examples', async () => {
  for (const cmd of ['check', 'mx', 'probe', 'ehlo', 'send', 'relay', 'ndr']) {
    const r = await runCli([cmd, '--help']);
    assert.equal(r.code, 0, `${cmd} --help`);
    assert.match(r.stdout, /Examples:/, `${cmd} --help has examples`);
  }
});

test('unknown command, unknown option and no command exit 3 with a one-line hint', async () => {
  for (const args of [['frobnicate'], ['ndr', '--no-such-option'], []]) {
    const r = await runCli(args);
    assert.equal(r.code, 3, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /mailflow/);
    assert.ok(!r.stderr.includes('    at '), 'no stack trace');
  }
});

test('bad --format value is a usage error', async () => {
  const r = await runCli(['ndr', '--format', 'xml', '550 5.1.1 user unknown']);
  assert.equal(r.code, 3);
  // One line holds the whole complaint (yargs writes it over several).
  assert.match(r.stderr.split('\n')[0]!, /^mailflow: Invalid values: Argument: format, Given: "xml"/);
});

test('a reader that stops early (| head) ends the run quietly, not with an EPIPE trace', async () => {
  const { spawn } = await import('node:child_process');
  const { BIN, ROOT } = await import('../helpers/cli.js');
  const args = ['ndr', '--json', ...Array<string>(3000).fill('examples/bounce-postfix.eml')];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  // Read one chunk, then close the pipe the way `head -1` does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.ok(code !== null && code <= 2, `exit code ${code}`);
  assert.ok(!stderr.includes('EPIPE') && !stderr.includes('    at '), stderr);
});
