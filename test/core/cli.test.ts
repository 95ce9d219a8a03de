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
  assert.equal(
    r.stderr.split('\n')[0],
    'mailflow ndr: --format "xml": choose one of human, json, nagios, prometheus',
  );
});

test('a value that is not one of the choices: one plain line, the closest choice for a typo', async () => {
  const cases: [string[], string][] = [
    [
      ['mx', '--format', 'nagio', 'a.example.test'],
      'mailflow mx: --format "nagio": did you mean nagios? (one of human, json, nagios, prometheus)',
    ],
    [
      ['send', '--tls-min', 'tls1.2', '--from', 'a@x.test', '--to', 'b@x.test'],
      'mailflow send: --tls-min "tls1.2": did you mean TLSv1.2? (one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)',
    ],
  ];
  for (const [args, want] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 3, args.join(' '));
    assert.equal(r.stderr.split('\n')[0], want);
  }
});

test('usage lines name the command once and the options as typed', async () => {
  const cases: [string[], string][] = [
    [['send'], 'mailflow send: --from and --to are required'],
    [
      ['session', '127.0.0.1:1'],
      'mailflow session: needs a terminal (standard input and output); use --replay <file> to run a recorded session from a script',
    ],
    [
      ['mx', '--timeout', '0', 'a.example.test'],
      'mailflow mx: --timeout must be a number of seconds above 0 and at most 3600',
    ],
  ];
  for (const [args, want] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 3, args.join(' '));
    assert.equal(r.stderr.split('\n')[0], want, args.join(' '));
  }
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

test('a mistyped option or command gets the closest real one, and the help of its command', async () => {
  const cases: [string[], RegExp][] = [
    [['--verison'], /^mailflow: unknown option --verison; did you mean --version\?\nRun 'mailflow --help'/],
    [
      ['mx', '--dsn', '192.0.2.53', 'a.example.test'],
      /^mailflow mx: unknown option --dsn; did you mean --dns\?\nRun 'mailflow mx --help' for its options/,
    ],
    [['mxx', 'a.example.test'], /^mailflow: unknown command 'mxx'; did you mean mx\?/],
    [
      ['send', '--ca-file', 'ca.pem', '--from', 'a@x.test', '--to', 'b@x.test'],
      /^mailflow send: unknown option --ca-file; did you mean --ca\?/,
    ],
    [['send', '--from', 'a@x.test'], /^mailflow send: --to is required\nRun 'mailflow send --help'/],
  ];
  for (const [args, want] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 3, args.join(' '));
    assert.match(r.stderr, want, args.join(' '));
  }
});

test('--json with a different --format is a usage error; with --format json it is fine', async () => {
  const r = await runCli(['ndr', '--format', 'nagios', '--json', '550 5.1.1 user unknown']);
  assert.equal(r.code, 3);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^mailflow ndr: --json and --format nagios ask for different outputs/);
  const ok = await runCli(['ndr', '--json', '--format', 'json', '550 5.1.1 user unknown']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).command, 'ndr');
});

test('only commands that hold an SMTP session offer --transcript', async () => {
  const mx = await runCli(['mx', '--help']);
  assert.doesNotMatch(mx.stdout, /--transcript/);
  for (const cmd of ['check', 'probe', 'ehlo', 'send', 'relay']) {
    const r = await runCli([cmd, '--help']);
    assert.match(r.stdout, /--transcript/, cmd);
  }
  const r = await runCli(['mx', '--transcript', 'a.example.test']);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /unknown option --transcript/);
});

test('the Ctrl-C note says which results finished and which are partial', async () => {
  const { interruptNote } = await import('../../src/cli/main.js');
  assert.equal(interruptNote(0, 0), 'interrupted (Ctrl-C) before any result was finished');
  assert.equal(
    interruptNote(1, 0),
    'interrupted (Ctrl-C); the result above finished before it; the rest did not',
  );
  assert.equal(interruptNote(0, 1), 'interrupted (Ctrl-C); the last result is partial, as far as it got');
  assert.equal(
    interruptNote(2, 1),
    'interrupted (Ctrl-C); the 2 results above finished before it; the last result is partial, as far as it got',
  );
});
