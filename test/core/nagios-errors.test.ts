// With --format nagios a run that ends in a usage error still prints the plugin's status line on
// stdout (Nagios reads nothing else): UNKNOWN, exit 3. Before, stdout was empty and Nagios showed
// "(No output on stdout)".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nagiosRequested } from '../../src/cli/nagios-errors.js';
import { runCli } from '../helpers/cli.js';

test('usage errors under --format nagios: one UNKNOWN status line on stdout, exit 3', async () => {
  const cases: [string[], string][] = [
    [['mx', '--format', 'nagios', '--timeout', '0', 'a.example.test'], '--timeout must be a number'],
    [['mx', '--format=nagios', '--bogus', 'a.example.test'], 'unknown option --bogus'],
    [['mx', '--format', 'nagios'], 'name at least one domain'],
  ];
  for (const [args, why] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 3, args.join(' '));
    assert.equal(r.stdout.split('\n').length, 2, r.stdout);
    assert.ok(r.stdout.startsWith(`MAILFLOW UNKNOWN - ${why}`), r.stdout);
    assert.ok(r.stderr.includes(why), 'stderr keeps the usage line');
  }
  const human = await runCli(['mx', '--timeout', '0', 'a.example.test']);
  assert.equal(human.stdout, '', 'other formats keep stdout empty');
});

test('nagiosRequested: --format nagios in either spelling, not after -- nor beside --json', () => {
  assert.ok(nagiosRequested(['mx', '--format', 'nagios']));
  assert.ok(nagiosRequested(['--format=nagios', 'mx']));
  assert.ok(!nagiosRequested(['mx', '--format', 'json']));
  assert.ok(!nagiosRequested(['mx', '--', '--format', 'nagios']));
  assert.ok(!nagiosRequested(['mx', '--json', '--format', 'nagios']), 'two outputs asked for: neither');
});
