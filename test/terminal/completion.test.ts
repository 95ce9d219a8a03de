// `mailflow completion`: the generated bash function, run the way bash runs it (COMP_WORDS and
// COMP_CWORD set, COMPREPLY read back), offers the commands, options and option values the
// declarations list. zsh loads the same function through bashcompinit (tested when installed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import ehlo from '../../commands/ehlo.js';
import send from '../../commands/send.js';
import { PRESETS } from '../../src/checks/probe/ports.js';
import { commandName } from '../../src/cli/command.js';
import { COMMANDS } from '../../src/cli/registry.js';
import { FORMATS } from '../../src/render/output.js';
import { runCli } from '../helpers/cli.js';

const scripts: Record<string, string> = {};
before(async () => {
  for (const shell of ['bash', 'zsh']) {
    const r = await runCli(['completion', shell]);
    assert.equal(r.code, 0, r.stderr);
    scripts[shell] = join(tmpdir(), `mailflow-completion-${process.pid}.${shell}`);
    writeFileSync(scripts[shell]!, r.stdout);
  }
});

const q = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
const setWords = (words: string[]) =>
  `COMP_WORDS=(${words.map(q).join(' ')}); COMP_CWORD=${words.length - 1}; _mailflow; printf '%s\\n' "\${COMPREPLY[@]}"`;

/** What bash offers for the command line `words` (the last word is the one being completed). */
function bashComplete(words: string[]): string[] {
  const r = spawnSync('bash', ['-c', `source ${q(scripts.bash!)}; ${setWords(words)}`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

const choices = (def: typeof ehlo, name: string) => [...(def.options![name]!.choices as string[])];

test('completion bash: the commands, from the registry', () => {
  assert.deepEqual(bashComplete(['mailflow', '']).slice(0, COMMANDS.length), COMMANDS.map(commandName));
  assert.deepEqual(bashComplete(['mailflow', 'pr']), ['probe']);
  assert.deepEqual(bashComplete(['mailflow', 'co']), ['completion']);
});

test('completion bash: option names of the command being typed', () => {
  assert.deepEqual(bashComplete(['mailflow', 'check', '--fo']), ['--format']);
  assert.ok(bashComplete(['mailflow', 'send', '--']).includes('--password-file'));
  assert.ok(bashComplete(['mailflow', 'mx', '--']).includes('--no-ptr'));
  assert.ok(!bashComplete(['mailflow', 'ndr', '--']).includes('--timeout'), 'ndr takes no network options');
});

test('completion bash: option values from the declarations', () => {
  assert.deepEqual(bashComplete(['mailflow', 'mx', '--format', '']), [...FORMATS]);
  assert.deepEqual(bashComplete(['mailflow', 'mx', '--format', '=', 'j']), ['json']); // --format=j
  assert.deepEqual(bashComplete(['mailflow', 'ehlo', '--profile', '']), choices(ehlo, 'profile'));
  assert.deepEqual(bashComplete(['mailflow', 'send', '-v', '--auth', '']), choices(send, 'auth'));
  const ports = bashComplete(['mailflow', 'probe', 'example.com', '--ports', '']);
  for (const preset of Object.keys(PRESETS)) assert.ok(ports.includes(preset), preset);
  assert.ok(ports.includes('submission'));
  assert.deepEqual(bashComplete(['mailflow', 'completion', '']), ['bash', 'zsh']);
  assert.deepEqual(bashComplete(['mailflow', 'logs', '']), ['trace', 'summary']);
  // Only the first argument comes from the list; after it, file names (bash's default).
  assert.deepEqual(bashComplete(['mailflow', 'logs', 'trace', '']), []);
  assert.deepEqual(bashComplete(['mailflow', '-v', 'logs', '--json', 'summary', 'mail.log', '']), []);
  // A value with no fixed set (a host) gets nothing from mailflow: bash falls back to file names.
  assert.deepEqual(bashComplete(['mailflow', 'send', '--server', '']), []);
});

const zsh = spawnSync('zsh', ['--version']).status === 0;
test('completion zsh: loads through bashcompinit and offers the same values', {
  skip: !zsh && 'zsh is not installed',
}, () => {
  const body = `autoload -U compinit && compinit -u -D; source ${q(scripts.zsh!)}; emulate sh -c ${q(setWords(['mailflow', 'ehlo', '--profile', '']))}`;
  const r = spawnSync('zsh', ['-fc', body], { encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\n').filter(Boolean), choices(ehlo, 'profile'));
});

test('completion: an unknown shell is a usage error', async () => {
  const r = await runCli(['completion', 'fish']);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /unknown shell "fish"; choose one of: bash, zsh/);
  // $SHELL naming a shell without a script: said, not a bash script it cannot load.
  const fromEnv = await runCli(['completion'], { env: { SHELL: '/usr/bin/fish' } });
  assert.equal(fromEnv.code, 3);
  assert.match(fromEnv.stderr, /no completion script for fish \(\$SHELL\); name one of: bash, zsh/);
  const zshEnv = await runCli(['completion'], { env: { SHELL: '/bin/zsh' } });
  assert.match(zshEnv.stdout, /bashcompinit/);
});
