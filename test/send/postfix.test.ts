// `mailflow send` end to end against a private Postfix + Dovecot SASL on loopback: the book's
// Chapter 7 test send over STARTTLS on 587 and the failures a real server produces.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';
import { startSocks5 } from '../helpers/socks5-server.js';

const skip = skipServers();
const PROXY_PASSWORD = 'pr0xy-Pass-in-URL';

describe('send against a private Postfix + Dovecot', { skip }, () => {
  let pf: PostfixInstance;
  let tmp: string;
  const runs: CliRun[] = [];

  before(async () => {
    pf = await startPostfix({ messageSizeLimit: 50_000 });
    tmp = mkdtempSync(join(tmpdir(), 'mailflow-send-'));
  });
  after(async () => {
    await pf?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Run the CLI with the test password in the environment, keeping every output for the leak test. */
  async function send(args: string[], env: Record<string, string> = { MAILFLOW_PASSWORD: pf.password }) {
    const r = await runCli(['send', '--helo', 'client.mailflow.test', '--timeout', '15', ...args], {
      env,
      timeoutMs: 60_000,
    });
    runs.push(r);
    return r;
  }
  const submission = () => ['--server', `127.0.0.1:${pf.submissionPort}`, '--ca', pf.caFile];
  /** Port 25 of the same Postfix: no AUTH, relaying closed. */
  const mx = () => ['--server', `127.0.0.1:${pf.port}`, '--ca', pf.caFile];
  const authArgs = () => ['--auth', 'login', '--user', pf.user];
  const json = (r: CliRun) => {
    const [res] = jsonLines(r.stdout);
    assert.ok(res, `no JSON result; stderr: ${r.stderr}\n${pf.logs()}`);
    return res;
  };
  const ids = (res: { findings: { id: string }[] }) => res.findings.map((f) => f.id);
  /** Envelope arguments: one --from and a --to per recipient. */
  const envelope = (from: string, ...to: string[]) => ['--from', from, ...to.flatMap((t) => ['--to', t])];
  const local = (user: string) => `${user}@${pf.localDomain}`;
  /** The one JSON result, after checking the exit code and the finding ids. */
  const expectResult = (r: CliRun, code: number, findingIds: string[]) => {
    const res = json(r);
    assert.equal(r.code, code, r.stdout + r.stderr);
    assert.deepEqual(ids(res), findingIds);
    return res;
  };
  /** Authenticated submission from the test user to alice, the book's Chapter 7 send. */
  const authedToAlice = (...extra: string[]) => [
    ...submission(),
    ...authArgs(),
    ...envelope(local(pf.user), local('alice')),
    ...extra,
  ];
  const hasLine = (res: { data: { transcript: { line: string }[] } }, pred: (line: string) => boolean) =>
    res.data.transcript.some((e) => pred(e.line));

  test('AUTH LOGIN over STARTTLS on 587 with the private CA: accepted with a queue id', async () => {
    const r = await send(authedToAlice('--json'));
    const res = expectResult(r, 0, ['send.ok']);
    assert.equal(res.data.stage, 'done');
    assert.match(res.data.queueId, /^[0-9A-F]+$/);
    assert.equal(res.data.authenticated, true);
    assert.equal(res.data.tls.chainVerified, true);
    assert.deepEqual(res.data.recipients, [
      { address: local('alice'), accepted: true, reply: '250 2.1.5 Ok' },
    ]);
    const lines = res.data.transcript.map((e: { dir: string; line: string }) => `${e.dir}: ${e.line}`);
    assert.ok(lines.includes('C: AUTH LOGIN'));
    assert.ok(lines.includes('S: 334 VXNlcm5hbWU6  (decoded: Username:)'));
    assert.ok(lines.includes(`C: ${Buffer.from(pf.user).toString('base64')}  (decoded: ${pf.user})`));
    assert.ok(lines.includes('C: ********  (decoded: ********)'));
    // Postfix offers CHUNKING: the message goes with BDAT, whose final reply counts the bytes.
    assert.ok(lines.some((l: string) => /^C: BDAT \d+ LAST$/.test(l)));
    assert.ok(lines.some((l: string) => /^S: 250 2\.0\.0 Ok: \d+ bytes queued as /.test(l)));
    for (const e of res.data.transcript) assert.equal(typeof e.t, 'number');
    // Postfix logged the same queue id: the message really went through.
    await waitForLog(pf, res.data.queueId);
  });

  test('AUTH PLAIN with --password-file and relay to an outside domain after AUTH', async () => {
    const file = join(tmp, 'pw');
    writeFileSync(file, `${pf.password}\n`, { mode: 0o600 });
    const auth = ['--auth', 'plain', '--user', pf.user, '--password-file', file];
    const r = await send(
      [...submission(), ...auth, ...envelope(local(pf.user), 'someone@example.org'), '--json'],
      {},
    );
    const res = expectResult(r, 0, ['send.ok']);
    assert.ok(hasLine(res, (l) => l.startsWith('AUTH PLAIN ********')));
  });

  test('--user without --auth: over STARTTLS mailflow chooses PLAIN from what Dovecot offers, and says so', async () => {
    const r = await send([
      ...submission(),
      '--user',
      pf.user,
      ...envelope(local(pf.user), local('alice')),
      '--json',
    ]);
    const res = expectResult(r, 0, ['send.ok']);
    assert.deepEqual(res.data.auth, {
      mechanism: 'PLAIN',
      chosenBy: 'server',
      order: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    });
    assert.ok(hasLine(res, (l) => l.startsWith('AUTH PLAIN ********')));
    assert.ok(!hasLine(res, (l) => l === 'AUTH LOGIN'));
    // The human transcript says why: the note is not part of the JSON transcript.
    const human = await send([
      ...submission(),
      '--user',
      pf.user,
      ...envelope(local(pf.user), local('alice')),
      '--transcript',
    ]);
    assert.equal(human.code, 0, human.stdout + human.stderr);
    // The table may wrap the note: read it without the table's borders and line breaks.
    assert.match(
      human.stdout.replace(/[│\s]+/g, ' '),
      /AUTH PLAIN chosen: the first of PLAIN, LOGIN, CRAM-MD5 \(mailflow's order for a password under TLS\) that the server offers/,
    );
  });

  test('AUTH CRAM-MD5 (Dovecot): the HMAC-MD5 answer is accepted, shown without the digest', async () => {
    const auth = ['--auth', 'cram-md5', '--user', pf.user];
    const r = await send([...submission(), ...auth, ...envelope(local(pf.user), local('alice')), '--json']);
    const res = expectResult(r, 0, ['send.ok']);
    assert.equal(res.data.authenticated, true);
    assert.ok(hasLine(res, (l) => l === 'AUTH CRAM-MD5'));
    assert.ok(hasLine(res, (l) => l === `********  (decoded: ${pf.user} <HMAC-MD5 digest>)`));
    // The challenge is shown decoded (RFC 2195: "<random.timestamp@host>").
    assert.ok(hasLine(res, (l) => /^334 \S+ {2}\(decoded: <.+>\)$/.test(l)));
  });

  test('AUTH CRAM-MD5 with a wrong password: send.auth-failed (535)', async () => {
    const auth = ['--auth', 'cram-md5', '--user', pf.user];
    const r = await send([...submission(), ...auth, ...envelope(local(pf.user), local('alice')), '--json'], {
      MAILFLOW_PASSWORD: 'not-the-password',
    });
    const res = expectResult(r, 2, ['send.auth-failed']);
    assert.match(res.findings[0].detail, /535 5\.7\.8/);
  });

  test('--auth xoauth2 against Postfix + Dovecot (no OAuth): send.auth-not-offered names PLAIN, LOGIN, CRAM-MD5', async () => {
    const auth = ['--auth', 'xoauth2', '--user', pf.user];
    const r = await send([...submission(), ...auth, ...envelope(local(pf.user), local('alice')), '--json'], {
      MAILFLOW_TOKEN: 'some-token-value',
    });
    const res = expectResult(r, 2, ['send.auth-not-offered']);
    assert.match(res.findings[0].detail, /does not offer AUTH XOAUTH2; it offers /);
    assert.deepEqual([...res.findings[0].data.offered].sort(), ['CRAM-MD5', 'LOGIN', 'PLAIN']);
    assert.ok(!hasLine(res, (l) => /^AUTH/.test(l)));
  });

  test('wrong password: send.auth-failed with the 535 reply and the explainer reading', async () => {
    const r = await send(
      [...submission(), ...authArgs(), ...envelope('a@example.org', local('alice')), '--json'],
      {
        MAILFLOW_PASSWORD: 'not-the-password',
      },
    );
    const res = expectResult(r, 2, ['send.auth-failed']);
    assert.equal(res.data.stage, 'auth');
    assert.match(res.findings[0].detail, /AUTH stage/);
    assert.match(res.findings[0].detail, /535 5\.7\.8/);
    assert.match(res.findings[0].detail, /NDR explainer/);
  });

  test('AUTH before STARTTLS on the submission port: send.tls-required (530 5.7.0)', async () => {
    const plain = ['--server', `127.0.0.1:${pf.submissionPort}`, '--no-tls', '--allow-plaintext-auth'];
    const r = await send([...plain, ...authArgs(), ...envelope('a@example.org', local('alice')), '--json']);
    const res = expectResult(r, 2, ['send.tls-required']);
    assert.equal(res.data.failure.reply, '530 5.7.0 Must issue a STARTTLS command first');
    // The password was never sent: the server refused AUTH itself.
    assert.ok(!hasLine(res, (l) => l.includes('********')));
  });

  test('AUTH over a connection that is not encrypted needs --allow-plaintext-auth', async () => {
    const plain = ['--server', `127.0.0.1:${pf.port}`, '--no-tls'];
    const r = await send([...plain, ...authArgs(), ...envelope('a@example.org', local('alice'))]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /--allow-plaintext-auth/);
  });

  test('a certificate from an unknown CA stops AUTH: send.tls-cert-chain', async () => {
    const noCa = ['--server', `127.0.0.1:${pf.submissionPort}`];
    const r = await send([...noCa, ...authArgs(), ...envelope('a@example.org', local('alice')), '--json']);
    const res = expectResult(r, 2, ['send.tls-cert-chain']);
    assert.match(res.findings[0].detail, /the chain does not verify: .*\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    assert.ok(!hasLine(res, (l) => /^AUTH/.test(l)));
  });

  test('relay denied without AUTH on port 25: 554 5.7.1 per recipient', async () => {
    const r = await send([...mx(), ...envelope('a@example.org', 'b@example.net'), '--json']);
    const res = expectResult(r, 2, ['send.recipient-rejected']);
    assert.equal(res.data.stage, 'rcpt');
    assert.match(res.data.recipients[0].reply, /^554 5\.7\.1 .*Relay access denied/);
    assert.match(res.findings[0].fix, /authenticate/);
  });

  test('unknown local user: 550 5.1.1; partial acceptance is a warning', async () => {
    const r = await send([...mx(), ...envelope('a@example.org', local('nobody'), local('alice')), '--json']);
    const res = json(r);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(ids(res).sort(), ['send.ok', 'send.recipient-rejected']);
    const bad = res.findings.find((f: { id: string }) => f.id === 'send.recipient-rejected');
    assert.equal(bad.severity, 'warn');
    assert.match(bad.detail, /550 5\.1\.1/);
    assert.deepEqual(
      res.data.recipients.map((x: { accepted: boolean }) => x.accepted),
      [false, true],
    );
  });

  test('--dsn-notify/--dsn-ret: Postfix offers DSN and takes NOTIFY, ORCPT, RET and ENVID', async () => {
    const r = await send([
      ...mx(),
      ...envelope('a@example.org', local('alice')),
      '--dsn-notify',
      'success',
      'delay',
      '--dsn-ret',
      'hdrs',
      '--json',
    ]);
    const res = expectResult(r, 0, ['send.ok']);
    assert.equal(res.data.dsn.offered, true);
    assert.ok(hasLine(res, (l) => /^MAIL FROM:<a@example\.org> .*RET=HDRS ENVID=mailflow-/.test(l)));
    assert.ok(
      hasLine(
        res,
        (l) => l === `RCPT TO:<${local('alice')}> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;${local('alice')}`,
      ),
    );
  });

  test('a message over the size limit: send.data-rejected (552 5.3.4)', async () => {
    const big = join(tmp, 'big.eml');
    writeFileSync(big, `Subject: big\n\n${'0123456789abcdef\n'.repeat(4000)}`);
    const r = await send([...mx(), ...envelope('a@example.org', local('alice')), '--data', big, '--json']);
    const res = expectResult(r, 2, ['send.data-rejected', 'send.size-over-limit']);
    assert.equal(res.data.failure.reply, '552 5.3.4 Message size exceeds fixed limit');
    assert.match(res.findings[0].fix, /smaller/);
  });

  test('--data with a Latin-1 byte: Postfix offers 8BITMIME, the body is declared 8-bit and every byte counted', async () => {
    const file = join(tmp, 'latin1.eml');
    const bytes = Buffer.from('Subject: latin1\nMessage-ID: <latin1@mailflow.test>\n\ncaf\xe9\n', 'latin1');
    writeFileSync(file, bytes);
    const r = await send([...mx(), ...envelope('a@example.org', local('alice')), '--data', file, '--json']);
    const res = expectResult(r, 0, ['send.ok']);
    // One byte for the 'é' (UTF-8 would make it three) and a CR before each of the four LFs.
    assert.equal(res.data.messageBytes, bytes.length + 4);
    assert.ok(hasLine(res, (l) => / SIZE=\d+ BODY=8BITMIME$/.test(l)));
    await waitForLog(pf, res.data.queueId);
  });

  test('--quit-after rcpt: recipient checked, nothing sent, QUIT', async () => {
    const r = await send([
      ...mx(),
      ...envelope('a@example.org', local('alice')),
      '--quit-after',
      'rcpt',
      '--json',
    ]);
    const res = expectResult(r, 0, ['send.ok']);
    assert.equal(res.data.stoppedAfter, 'rcpt');
    const sent = res.data.transcript
      .filter((e: { dir: string }) => e.dir === 'C')
      .map((e: { line: string }) => e.line);
    assert.ok(!sent.includes('DATA'));
    assert.equal(sent[sent.length - 1], 'QUIT');
  });

  test('--password works but warns about the process list', async () => {
    const r = await send(authedToAlice('--password', pf.password, '--quit-after', 'auth'), {});
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /process list/);
  });

  test("human output with --transcript reads like the book's telnet session", async () => {
    const r = await send(authedToAlice('--transcript'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /AUTH LOGIN/);
    assert.match(r.stdout, /decoded: Password:/);
    assert.match(r.stdout, /queue id/);
  });

  test('--tls-on-connect (SMTPS, 465-style): TLS from the first byte, no STARTTLS', async () => {
    const smtps = ['--server', `127.0.0.1:${pf.smtpsPort}`, '--tls-on-connect', '--ca', pf.caFile];
    const r = await send([
      ...smtps,
      ...authArgs(),
      ...envelope(local(pf.user), 'someone@example.org'),
      '--json',
    ]);
    const res = expectResult(r, 0, ['send.ok']);
    assert.ok(res.data.tls);
    assert.ok(!hasLine(res, (l) => l === 'STARTTLS'));
  });

  test('the password prompt on a terminal does not echo what is typed', {
    skip: !existsSync('/usr/bin/script') && 'no script(1)',
  }, async () => {
    const cli = `${process.execPath} ${BIN} send --server 127.0.0.1:${pf.submissionPort} --ca ${pf.caFile} --auth login --user ${pf.user} --from ${pf.user}@${pf.localDomain} --to alice@${pf.localDomain} --quit-after auth`;
    // script(1) gives the CLI a pseudo-terminal; the password is typed only once the prompt shows.
    const child = spawn('script', ['-qec', `stty cols 100 rows 40; ${cli}`, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1', MAILFLOW_PASSWORD: '' },
    });
    let out = '';
    let typed = false;
    child.stdout.on('data', (d) => {
      out += d;
      if (!typed && out.includes('Password for')) {
        typed = true;
        setTimeout(() => child.stdin.write(`${pf.password}\r`), 100);
      }
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    runs.push({ code, stdout: out, stderr: '' });
    assert.ok(typed, `no prompt: ${out.slice(0, 500)}`);
    assert.match(out, /Stopped after AUTH/);
    assert.ok(!out.includes(pf.password), 'the typed password was echoed');
  });

  test('through a SOCKS5 proxy with user/password (--proxy): delivered, the proxy password kept out', async () => {
    const proxy = await startSocks5({ auth: { user: 'admin', pass: PROXY_PASSWORD } });
    try {
      const r = await send(
        authedToAlice('--proxy', proxy.url(`admin:${PROXY_PASSWORD}`), '--json', '--transcript'),
      );
      const res = expectResult(r, 0, ['send.ok']);
      assert.equal(res.data.proxy, `socks5://127.0.0.1:${proxy.port}`);
      assert.deepEqual(proxy.requests, [`127.0.0.1:${pf.submissionPort}`]);
    } finally {
      await proxy.close();
    }
  });

  test('the password appears in no output of any run (stdout, stderr, JSON, transcript)', () => {
    assert.ok(runs.length >= 8, `only ${runs.length} runs recorded`);
    const forms = [
      pf.password,
      PROXY_PASSWORD,
      Buffer.from(pf.password).toString('base64'),
      Buffer.from(`\0${pf.user}\0${pf.password}`).toString('base64'),
    ];
    for (const r of runs) {
      for (const f of forms) {
        assert.ok(!r.stdout.includes(f), 'password in stdout');
        assert.ok(!r.stderr.includes(f), 'password in stderr');
      }
    }
  });
});

async function waitForLog(pf: PostfixInstance, needle: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    let log = '';
    try {
      log = readFileSync(join(pf.dir, 'maillog'), 'utf8');
    } catch {}
    if (log.includes(needle)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`queue id ${needle} not in the Postfix log\n${pf.logs()}`);
}
