// --proxy end to end: every SMTP command through the test SOCKS5 server (test/helpers/socks5-server.ts)
// to the real Postfix on loopback, names from a real NSD. The proxy's failures (refusal, wrong
// password, a stall) are named as the proxy's, exit 3 (unknown), never "the mail server is down";
// the proxy password appears in no output.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';
import { type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';
import { type Socks5Server, startSocks5 } from '../helpers/socks5-server.js';

const PROXY_PASS = 'S0cks-Pass-7f3a';
const ZONE = zoneText(
  'proxy.test',
  `@            MX    10 mx
mx           A     127.0.0.1
; two: its first address has nothing listening (refused), the second is Postfix on [::1]
two          A     127.0.0.2
two          AAAA  ::1
`,
);

describe('--proxy against Postfix + NSD through a SOCKS5 server', {
  skip: skipServers() || skipNsd(),
}, () => {
  let pf: PostfixInstance;
  let nsd: NsdInstance;
  let open: Socks5Server;
  let authed: Socks5Server;
  let refusing: Socks5Server;
  let stalling: Socks5Server;
  let tmp: string;
  const runs: CliRun[] = [];

  before(async () => {
    [pf, nsd, open, authed, refusing, stalling] = await Promise.all([
      startPostfix({ ipv6: true }),
      startNsd([{ name: 'proxy.test', text: ZONE }]),
      startSocks5(),
      startSocks5({ auth: { user: 'admin', pass: PROXY_PASS } }),
      startSocks5({ refuse: 0x05 }),
      startSocks5({ stall: 'greeting' }),
    ]);
    tmp = mkdtempSync(join(tmpdir(), 'mailflow-proxy-'));
  });
  after(async () => {
    await Promise.all([
      pf?.stop(),
      nsd?.stop(),
      open?.close(),
      authed?.close(),
      refusing?.close(),
      stalling?.close(),
    ]);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function cli(args: string[], env: Record<string, string> = {}) {
    const r = await runCli([...args, '--dns', nsd.server, '--timeout', '15'], { env, timeoutMs: 60_000 });
    runs.push(r);
    return r;
  }
  const one = (r: CliRun) => {
    // session prints its conversation ("* connecting…") before the JSON line.
    const lines = jsonLines(
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .join('\n'),
    );
    assert.equal(lines.length, 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    return lines[0];
  };
  const ids = (res: { findings: { id: string }[] }) => res.findings.map((f) => f.id);
  const withPass = () => authed.url(`admin:${PROXY_PASS}`);
  const label = (p: Socks5Server) => `socks5://127.0.0.1:${p.port}`;
  const local = (u: string) => `${u}@${pf.localDomain}`;
  /** A test mail to Postfix's port 25 (no AUTH) through `proxy`, as JSON. */
  const sendToPort25 = (proxy: string) =>
    cli([
      'send',
      ...['--server', `127.0.0.1:${pf.port}`, '--from', 'a@example.org', '--to', local('alice')],
      ...['--proxy', proxy, '--json'],
    ]);

  test('send through the proxy with user/password: delivered, Postfix logged it, data.proxy without credentials', async () => {
    const r = await cli(
      [
        'send',
        '--server',
        `127.0.0.1:${pf.submissionPort}`,
        '--ca',
        pf.caFile,
        '--auth',
        'login',
        '--user',
        pf.user,
        '--from',
        local(pf.user),
        '--to',
        local('alice'),
        '--helo',
        'client.mailflow.test',
        '--proxy',
        withPass(),
        '--json',
      ],
      { MAILFLOW_PASSWORD: pf.password },
    );
    const res = one(r);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(ids(res), ['send.ok']);
    assert.equal(res.data.proxy, label(authed));
    assert.equal(res.data.tls.chainVerified, true);
    assert.ok(authed.requests.includes(`127.0.0.1:${pf.submissionPort}`));
    assert.deepEqual(authed.logins.at(-1), { user: 'admin', ok: true });
    await waitForLog(pf, res.data.queueId);
  });

  test('send with TLS on connect (465-style) through the proxy', async () => {
    const r = await cli(
      [
        'send',
        '--server',
        `127.0.0.1:${pf.smtpsPort}`,
        '--tls-on-connect',
        '--ca',
        pf.caFile,
        '--auth',
        'plain',
        '--user',
        pf.user,
        '--from',
        local(pf.user),
        '--to',
        local('alice'),
        '--quit-after',
        'auth',
        '--proxy',
        open.url(),
        '--json',
      ],
      { MAILFLOW_PASSWORD: pf.password },
    );
    const res = one(r);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(res.data.tls.chainVerified, true);
    assert.ok(open.requests.includes(`127.0.0.1:${pf.smtpsPort}`));
  });

  test('probe and ehlo --starttls through the proxy: open, verified, as seen from the proxy', async () => {
    const p = await cli(['probe', `127.0.0.1:${pf.port}`, '--proxy', open.url(), '--json']);
    const pres = one(p);
    assert.equal(p.code, 0, p.stdout);
    assert.deepEqual(ids(pres), ['probe.open']);
    assert.equal(pres.data.proxy, label(open));
    assert.equal(pres.findings[0].data.proxy, label(open));
    assert.match(pres.findings[0].detail, /Through the SOCKS proxy/);
    const e = await cli([
      'ehlo',
      `mx.proxy.test:${pf.port}`,
      '--starttls',
      '--ca',
      pf.caFile,
      '--proxy',
      open.url(),
      '--json',
    ]);
    const eres = one(e);
    assert.ok(e.code === 0 || e.code === 1, e.stdout + e.stderr);
    assert.equal(eres.data.tls.chainVerified, true);
    assert.equal(eres.data.proxy, label(open));
    assert.ok(open.requests.includes(`127.0.0.1:${pf.port}`));
  });

  test('relay and check through the proxy', async () => {
    const r = await cli(['relay', `127.0.0.1:${pf.port}`, '--proxy', withPass(), '--json']);
    const rres = one(r);
    assert.deepEqual(ids(rres), ['relay.closed']);
    assert.equal(rres.data.proxy, label(authed));
    const before = open.requests.length;
    const c = await cli([
      'check',
      'proxy.test',
      '--only',
      'smtp',
      '--only',
      'tls',
      '--port',
      String(pf.port),
      '--ca',
      pf.caFile,
      '--proxy',
      open.url(),
      '--json',
    ]);
    const cres = one(c);
    assert.equal(cres.data.proxy, label(open));
    assert.ok(ids(cres).includes('probe.open'), ids(cres).join(' '));
    assert.ok(ids(cres).includes('tls.ok'), ids(cres).join(' '));
    assert.ok(open.requests.length >= before + 3, 'probe, EHLO and STARTTLS sessions went through the proxy');
  });

  test('the proxy password from MAILFLOW_PROXY_PASSWORD (URL with a user name only)', async () => {
    const r = await cli(['probe', `127.0.0.1:${pf.port}`, '--proxy', authed.url('admin'), '--json'], {
      MAILFLOW_PROXY_PASSWORD: PROXY_PASS,
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(ids(one(r)), ['probe.open']);
    assert.deepEqual(authed.logins.at(-1), { user: 'admin', ok: true });
    const none = await cli(['probe', `127.0.0.1:${pf.port}`, '--proxy', authed.url('admin')], {
      MAILFLOW_PROXY_PASSWORD: '',
    });
    assert.equal(none.code, 3);
    assert.match(none.stderr, /MAILFLOW_PROXY_PASSWORD/);
  });

  test('a proxy that refuses (0x05): exit 3, the proxy named, never "refused the connection" about the server', async () => {
    const p = await cli(['probe', `127.0.0.1:${pf.port}`, '--proxy', refusing.url(), '--json']);
    const pres = one(p);
    assert.equal(p.code, 3, p.stdout);
    assert.deepEqual(ids(pres), ['probe.proxy-error']);
    assert.equal(pres.findings[0].severity, 'unknown');
    assert.match(
      pres.findings[0].detail,
      new RegExp(`SOCKS proxy ${label(refusing).replaceAll('.', '\\.')}`),
    );
    assert.match(pres.findings[0].detail, /SOCKS reply 0x05/);
    assert.equal(pres.findings[0].data.socksReply, 5);
    const human = await cli(['probe', `127.0.0.1:${pf.port}`, '--proxy', refusing.url()]);
    assert.equal(human.code, 3);
    const flat = human.stdout.replace(/[│\s]+/g, ' ');
    assert.match(flat, /UNKNOWN probe\.proxy-error /);
    assert.match(flat, /the proxy reports that the destination refused it/);
    // The probe.refused wording ("refused the connection", "nothing is listening") is about servers.
    assert.doesNotMatch(flat, /refused the connection|nothing is listening/);
    const s = await sendToPort25(refusing.url());
    const sres = one(s);
    assert.equal(s.code, 3, s.stdout);
    assert.deepEqual(ids(sres), ['send.proxy-failed']);
    assert.match(sres.findings[0].title, /the SOCKS proxy failed, not the mail server/);
  });

  test('wrong proxy password: send.proxy-failed at the auth stage; nothing reached Postfix', async () => {
    const before = authed.requests.length;
    const r = await sendToPort25(authed.url(`admin:not-${PROXY_PASS}`));
    const res = one(r);
    assert.equal(r.code, 3, r.stdout);
    assert.deepEqual(ids(res), ['send.proxy-failed']);
    assert.equal(res.findings[0].data.proxyStage, 'auth');
    assert.match(res.findings[0].fix, /user name and password in --proxy/);
    assert.equal(authed.requests.length, before);
  });

  test('a proxy that accepts and stalls: probe ends within its timeout, exit 3', {
    timeout: 30_000,
  }, async () => {
    const r = await runCli(
      ['probe', `127.0.0.1:${pf.port}`, '--proxy', stalling.url(), '--timeout', '1', '--json'],
      {
        timeoutMs: 20_000,
      },
    );
    runs.push(r);
    const res = one(r);
    assert.equal(r.code, 3);
    assert.deepEqual(ids(res), ['probe.proxy-error']);
    assert.match(
      res.findings[0].detail,
      /did not complete the SOCKS5 handshake within the 1000 ms connect timeout/,
    );
  });

  test('bad --proxy values are usage errors (exit 3) that never echo the password', async () => {
    const bad = [
      `http://admin:${PROXY_PASS}@127.0.0.1:3128`,
      `socks4://127.0.0.1:1080`,
      `socks5://admin:${PROXY_PASS}@127.0.0.1:1080/x`,
      'not-a-url',
    ];
    for (const v of bad) {
      const r = await cli(['probe', '127.0.0.1', '--proxy', v]);
      assert.equal(r.code, 3, `${v}: ${r.stderr}`);
      assert.match(r.stderr, /--proxy/);
    }
    const r = await cli(['probe', '127.0.0.1', `--proxy=http://admin:${PROXY_PASS}@h:1`]);
    assert.match(r.stderr, /HTTP proxies are not supported/);
  });

  test('session --replay: a name whose first address refuses goes on to the next, direct and through the proxy', async () => {
    const file = join(tmp, 'rec');
    writeFileSync(file, ['EHLO client.mailflow.test', '< 250 ok', 'QUIT', '< 221 bye', ''].join('\n'));
    const direct = await cli(['session', `two.proxy.test:${pf.port}`, '--replay', file, '--json']);
    assert.equal(direct.code, 0, direct.stdout + direct.stderr);
    // With --json the conversation (this note included) is on stderr.
    assert.match(direct.stderr, /127\.0\.0\.2: connection refused.*; trying the next address/);
    assert.deepEqual(ids(one(direct)), ['session.replay-ok']);
    const v4 = await cli(['session', `two.proxy.test:${pf.port}`, '-4', '--replay', file, '--json']);
    assert.equal(v4.code, 2, v4.stdout);
    assert.deepEqual(ids(one(v4)), ['session.connect-failed']);
    const showing = join(tmp, 'rec-show');
    writeFileSync(
      showing,
      ['EHLO client.mailflow.test', '< 250 ok', 'show', 'QUIT', '< 221 bye', ''].join('\n'),
    );
    const proxied = await cli([
      'session',
      `two.proxy.test:${pf.port}`,
      '--replay',
      showing,
      '--proxy',
      withPass(),
      '--json',
    ]);
    assert.equal(proxied.code, 0, proxied.stdout + proxied.stderr);
    // `show` does not give this machine's end of the link to the proxy as where the session comes from.
    assert.match(
      proxied.stderr,
      /\(through the SOCKS proxy socks5:\/\/[^ ]+: the server sees the proxy's address\)/,
    );
    const res = one(proxied);
    assert.equal(res.data.proxy, label(authed));
    assert.ok(authed.requests.includes(`127.0.0.2:${pf.port}`));
    const refused = await cli([
      'session',
      `127.0.0.1:${pf.port}`,
      '--replay',
      file,
      '--proxy',
      refusing.url(),
      '--json',
    ]);
    assert.equal(refused.code, 3, refused.stdout);
    assert.deepEqual(ids(one(refused)), ['session.proxy-error']);
  });

  test('the proxy password appears in no output of any run', () => {
    assert.ok(runs.length >= 12, `only ${runs.length} runs`);
    for (const r of runs) {
      assert.ok(!r.stdout.includes(PROXY_PASS), `proxy password in stdout: ${r.stdout.slice(0, 300)}`);
      assert.ok(!r.stderr.includes(PROXY_PASS), `proxy password in stderr: ${r.stderr.slice(0, 300)}`);
      assert.ok(!r.stdout.includes(encodeURIComponent(PROXY_PASS)));
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
