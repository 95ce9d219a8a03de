// The fast command-line parser must give every command exactly what yargs gives it, and decline
// (leaving yargs to answer) whatever yargs would not run as is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Options } from 'yargs';
import { type CommandDef, commandName } from '../../src/cli/command.js';
import { commandOptions } from '../../src/cli/options.js';
import { parseFast } from '../../src/cli/parse-fast.js';
import { parseWithYargs } from '../../src/cli/parse-yargs.js';
import { COMMANDS } from '../../src/cli/registry.js';

/** What a command needs before yargs accepts it: its required positional and demanded options. */
function required(def: CommandDef): string[] {
  const out = def.usage.includes('<') ? ['mx.example.test'] : [];
  for (const [name, opt] of Object.entries(commandOptions(def)))
    if (opt.demandOption) out.push(`--${name}`, 'someone@example.test');
  return out;
}

/** One or more spellings of an option with a value yargs accepts. */
function spellings(name: string, opt: Options): string[][] {
  // yargs accepts the camelCase spelling of every hyphenated name too (--tlsOnConnect).
  const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const flags = [
    `--${name}`,
    ...(camel !== name ? [`--${camel}`] : []),
    ...([] as string[]).concat(opt.alias ?? []).map((a) => (a.length === 1 ? `-${a}` : `--${a}`)),
  ];
  const value = opt.choices
    ? String((opt.choices as unknown[])[0])
    : opt.type === 'number'
      ? '7'
      : 'value.example.test';
  return flags.flatMap((flag) => {
    if (opt.type === 'boolean')
      return [[flag], ...(flag.startsWith('--') ? [[`--no-${flag.slice(2)}`]] : [])];
    const one = [flag, value];
    return opt.array ? [one, [flag, value, value]] : [one, [`${flag}=${value}`]];
  });
}

function vectors(def: CommandDef): string[][] {
  const base = [commandName(def), ...required(def)];
  const out = [base, [...base, 'a.example.test', 'b.example.test'], [...base, '12345']];
  for (const [name, opt] of Object.entries(commandOptions(def)))
    for (const s of spellings(name, opt)) {
      out.push([...base, ...s]);
      out.push([...base, ...s, 'after.example.test']);
    }
  // Words after `--` are positionals even when they start with '-'.
  out.push([...base, '--', '-dash.example.test'], [...base, 'a.example.test', '--', '--json']);
  // A secret is one value, taken as typed: never flags, never a list.
  for (const secret of def.secrets ?? [])
    out.push(
      [...base, `--${secret}`, SECRETS[0]],
      [...base, `--${secret}=${SECRETS[1]}`],
      [...base, `--${secret}`, '--json'],
      [`--${secret}`, SECRETS[0], ...base],
      [...base, `--${secret}`, SECRETS[0], `--${secret}`, SECRETS[1]],
      [...base, `--${secret}`],
      [...base, `--no-${secret}`],
      [...base, `--${secret.slice(0, -1)}`, SECRETS[0]],
    );
  out.push([...base, '--json', '-v', 'x.example.test', '--format', 'nagios']);
  out.push([...base, '-vv', '--format=json', '--json=false', 'x.example.test', '-v']);
  if (def.network) out.push([...base, '-4v', '--timeout', '2.5', '--timeout', '3', '--dns=127.0.0.1:53']);
  return out;
}

/** Secret values that must never be quoted back (one starts like a cluster of short flags). */
const SECRETS = ['-Lab-Secret-7319', 'Lab-Secret-8420'] as const;

const withoutScriptName = (args: Record<string, unknown>) => {
  const { $0: _, ...rest } = args;
  return rest;
};

/** What yargs wrote to stderr in the last yargsVerdict. */
let yargsStderr = '';

/** yargs' verdict without letting it end the test process: 'refused' when it would exit 3. */
async function yargsVerdict(argv: string[]) {
  const { exit, stderr } = { exit: process.exit, stderr: process.stderr.write };
  class Refused extends Error {}
  process.exit = (() => {
    throw new Refused();
  }) as typeof process.exit;
  yargsStderr = '';
  process.stderr.write = ((chunk: string) => {
    yargsStderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return await parseWithYargs(argv, COMMANDS, '0.0.0');
  } catch (err) {
    if (err instanceof Refused) return 'refused' as const;
    throw err;
  } finally {
    process.exit = exit;
    process.stderr.write = stderr;
  }
}

test('parseFast gives each command what yargs gives it, and declines what yargs refuses', async () => {
  let compared = 0;
  let refused = 0;
  for (const def of COMMANDS)
    for (const argv of vectors(def)) {
      const fast = parseFast(argv, COMMANDS);
      const full = await yargsVerdict(argv);
      for (const secret of SECRETS)
        for (const part of [secret, ...secret.split('-').filter((p) => p.length > 2)])
          assert.ok(!yargsStderr.includes(part), `${argv.join(' ')}: a secret is quoted: ${yargsStderr}`);
      if (full === 'refused') {
        assert.equal(fast, undefined, `yargs refuses ${argv.join(' ')}, parseFast must decline it`);
        refused++;
        continue;
      }
      assert.ok(full, `yargs runs ${argv.join(' ')}`);
      assert.ok(fast, `parseFast accepts ${argv.join(' ')}`);
      assert.equal(fast.def, full.def, argv.join(' '));
      assert.deepEqual(withoutScriptName(fast.args), withoutScriptName(full.args), argv.join(' '));
      compared++;
    }
  assert.ok(compared > 100 && refused > 0, `${compared} command lines compared, ${refused} refused by both`);
});

test('parseFast leaves to yargs what yargs answers or refuses', () => {
  const declined = [
    [],
    ['frobnicate', 'x'],
    ['mx', '--help'],
    ['mx', '-h'],
    ['--version'],
    ['mx', '--no-such-option'],
    ['mx', '-z'],
    ['mx', '--format', 'xml', 'a.example.test'],
    ['mx', '--file', '-', 'a.example.test'],
    ['ndr', '-'],
    ['ndr', '--inputs', 'examples/bounce-postfix.eml'],
    ['mx', '--domains=zz.example.test'],
    ['ehlo', '--targets', 'a.example.test', 'b.example.test'],
    ['ehlo'],
    ['send', '--to', 'a@example.test'],
    ['ndr', '--get-yargs-completions'],
  ];
  for (const argv of declined) assert.equal(parseFast(argv, COMMANDS), undefined, argv.join(' '));
});

test('a secret is one value taken as typed, whatever it looks like', async () => {
  const base = ['send', '--from', 'a@example.test', '--to', 'b@example.test'];
  for (const value of ['-Lab-Secret-7319', '--json', '-', 'with space', '']) {
    const argv = [...base, '--password', value];
    assert.equal(parseFast(argv, COMMANDS)?.args.password, value, argv.join(' '));
    const full = await yargsVerdict(argv);
    assert.ok(full && full !== 'refused', argv.join(' '));
    assert.equal(full.args.password, value);
  }
  for (const argv of [
    [...base, '--password', 'A-7319', '--password', 'B-7319'],
    [...base, '--passwd', 'A-7319'],
    ['mx', 'a.example.test', '--password', 'A-7319'],
  ]) {
    assert.equal(await yargsVerdict(argv), 'refused', argv.join(' '));
    assert.match(yargsStderr, /^mailflow \w+: .*--pass.*\nRun 'mailflow \w+ --help'/, yargsStderr);
    assert.ok(!yargsStderr.includes('7319'), yargsStderr);
  }
});

test('words after -- are positionals, even when they start with a dash', async () => {
  for (const [argv, key, want] of [
    [['mx', '--', '-foo.test'], 'domains', ['-foo.test']],
    [['probe', 'a.test', '--', '-b.test', '--json'], 'targets', ['a.test', '-b.test', '--json']],
    [['ndr', '--', '--help'], 'inputs', ['--help']],
  ] as const) {
    const fast = parseFast([...argv], COMMANDS);
    const full = await yargsVerdict([...argv]);
    assert.ok(fast && full && full !== 'refused', argv.join(' '));
    assert.deepEqual(fast.args[key], want);
    assert.deepEqual(full.args[key], want);
    assert.deepEqual(full.args._, [argv[0]]);
  }
  assert.equal(await yargsVerdict(['send', '--from', 'a@x.test', '--to', 'b@x.test', '--', 'c']), 'refused');
});

test('an option given twice is refused unless it takes a list', async () => {
  for (const argv of [
    ['mx', '--server', '192.0.2.1', '--server', '192.0.2.2', 'a.test'],
    ['mx', '--format', 'json', '--format', 'nagios', 'a.test'],
    ['probe', '--timeout', '2', '--timeout', '3', 'a.test'],
  ]) {
    assert.equal(parseFast(argv, COMMANDS), undefined, argv.join(' '));
    assert.equal(await yargsVerdict(argv), 'refused', argv.join(' '));
    assert.match(yargsStderr, /was given more than once/);
  }
});
