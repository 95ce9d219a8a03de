// send's argument checks all live in its declaration (commands/send.ts validate): they run
// before the runner starts, so a mistake is reported before any password is asked for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const NO_PASSWORD = { MAILFLOW_PASSWORD: '' };

test('recipients in two domains without --server: refused before the password is needed', async () => {
  const r = await runCli(
    [
      'send',
      '--from',
      'a@x.test',
      '--to',
      'b@one.test',
      '--to',
      'c@two.test',
      '--auth',
      'login',
      '--user',
      'u',
    ],
    { env: NO_PASSWORD },
  );
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /recipients are in 2 domains \(one\.test, two\.test\)/);
  assert.doesNotMatch(r.stderr, /password/i);
});

test('argument mistakes are one usage line each, before anything connects', async () => {
  const cases: [string[], RegExp][] = [
    [['--from', 'a@x.test', '--to', 'not-an-address', '--server', '127.0.0.1:1'], /--to "not-an-address"/],
    [['--from', 'a b@x.test', '--to', 'b@x.test', '--server', '127.0.0.1:1'], /--from .*spaces/],
    [['--from', 'a@x.test', '--to', 'b@x.test', '--server', 'host:99999'], /port/],
    [
      ['--from', 'a@x.test', '--to', 'b@x.test', '--server', '127.0.0.1:1', '--auth', 'plain'],
      /--auth needs --user/,
    ],
    [
      ['--from', 'a@x.test', '--to', 'b@x.test', '--server', '127.0.0.1:1', '--user', 'u', '--no-tls'],
      /--no-tls with --auth would send the password unencrypted/,
    ],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['send', ...args], { env: NO_PASSWORD });
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});
