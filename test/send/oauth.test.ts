// `mailflow send --auth xoauth2|oauthbearer` against a scripted server over STARTTLS: the token
// accepted, the token refused with the base64 JSON error challenge (decoded into status and
// scope), a mechanism the server does not offer, and the token in no output in any form.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { type FakeConn, multiline, scriptedServers } from '../helpers/fake-smtp.js';
import { makeTlsFixture, type TlsFixture } from '../smtp/tls-fixture.js';

const servers = scriptedServers();
let fx: TlsFixture;
let tmp: string;
before(() => {
  fx = makeTlsFixture(['127.0.0.1']);
  tmp = mkdtempSync(join(tmpdir(), 'mailflow-oauth-'));
});
after(async () => {
  await servers.closeAll();
  fx?.cleanup();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const USER = 'alice@example.com';
const TOKEN = 'ya29.a0AfH6SMBx-token-for-the-test_0123456789';
const ERROR_JSON = '{"status":"401","schemes":"bearer","scope":"https://outlook.office.com/SMTP.Send"}';
const runs: CliRun[] = [];

/** What the server got from the client in AUTH, decoded. */
interface Seen {
  initial?: string;
  afterError?: string;
}

/**
 * A submission server offering AUTH <mechs> after STARTTLS. It takes the token when `accept`,
 * else answers with the JSON error challenge and then 535, as Gmail and Exchange Online do.
 */
function oauthServer(mechs: string, accept: boolean, seen: Seen, basicRefusal?: string) {
  return async (c: FakeConn) => {
    c.send('220 smtp.example.test ESMTP');
    let tls = false;
    for (let n = 0; n < 30; n++) {
      const line = await c.readLine();
      if (line === null) return;
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') {
        c.send(
          ...multiline(250, [
            'smtp.example.test',
            ...(tls ? [`AUTH ${mechs}`] : ['STARTTLS']),
            'SIZE 1000000',
          ]),
        );
      } else if (verb === 'STARTTLS') {
        c.send('220 2.0.0 go ahead');
        c.startTls({ cert: fx.cert, key: fx.key });
        tls = true;
      } else if (verb === 'AUTH') {
        seen.initial = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8');
        if (basicRefusal) c.send(basicRefusal);
        else if (accept) c.send('235 2.7.0 Authentication successful');
        else {
          c.send(`334 ${Buffer.from(ERROR_JSON).toString('base64')}`);
          const ack = await c.readLine();
          seen.afterError = ack ?? undefined;
          c.send('535 5.7.3 Authentication unsuccessful');
        }
      } else if (verb === 'MAIL' || verb === 'RCPT') c.send('250 2.1.0 OK');
      else if (verb === 'QUIT') {
        c.send('221 2.0.0 bye');
        return c.end();
      } else c.send('502 5.5.2 not implemented');
    }
  };
}

/** `mech` undefined: --user without --auth, mailflow chooses. */
async function send(
  port: number,
  mech: string | undefined,
  env: Record<string, string> = { MAILFLOW_TOKEN: TOKEN },
  extra: string[] = [],
) {
  const r = await runCli(
    [
      'send',
      '--server',
      `127.0.0.1:${port}`,
      '--ca',
      fx.caFile,
      ...(mech ? ['--auth', mech] : []),
      '--user',
      USER,
      '--from',
      USER,
      '--to',
      'bob@example.net',
      '--quit-after',
      'rcpt',
      '--timeout',
      '5',
      '--transcript',
      '--json',
      ...extra,
    ],
    { env },
  );
  runs.push(r);
  const [res] = jsonLines(r.stdout);
  assert.ok(res, r.stdout + r.stderr);
  return { r, res };
}

const lines = (res: { data: { transcript: { dir: string; line: string }[] } }) =>
  res.data.transcript.map((e) => `${e.dir}: ${e.line}`);

for (const mech of ['xoauth2', 'oauthbearer'] as const) {
  const MECH = mech.toUpperCase();
  const wire =
    mech === 'xoauth2'
      ? `user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`
      : `n,a=${USER},\x01auth=Bearer ${TOKEN}\x01\x01`;

  test(`--auth ${mech}: the token from MAILFLOW_TOKEN goes out in the initial response, shown masked`, async () => {
    const seen: Seen = {};
    const s = await servers.start(oauthServer('LOGIN XOAUTH2 OAUTHBEARER', true, seen));
    const { r, res } = await send(s.port, mech);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(
      res.findings.map((f: { id: string }) => f.id),
      ['send.ok'],
    );
    assert.equal(seen.initial, wire);
    const t = lines(res);
    assert.ok(
      t.some((l) => l.startsWith(`C: AUTH ${MECH} ******** `) && l.includes('auth=Bearer ********')),
      t.join('\n'),
    );
  });

  test(`--auth ${mech} refused: the base64 JSON error is answered, decoded, and its status and scope shown`, async () => {
    const seen: Seen = {};
    const s = await servers.start(oauthServer('XOAUTH2 OAUTHBEARER', false, seen));
    const file = join(tmp, `token-${mech}`);
    writeFileSync(file, `${TOKEN}\n`);
    const { r, res } = await send(s.port, mech, {}, ['--token-file', file]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(seen.initial, wire);
    // XOAUTH2 acknowledges with an empty line, OAUTHBEARER with ^A (RFC 7628 §3.2.3).
    assert.equal(seen.afterError, mech === 'xoauth2' ? '' : Buffer.from('\x01').toString('base64'));
    const f = res.findings.find((x: { id: string }) => x.id === 'send.auth-failed');
    assert.ok(f, JSON.stringify(res.findings));
    assert.match(f.detail, /status 401, scope https:\/\/outlook\.office\.com\/SMTP\.Send/);
    assert.match(f.fix, /fresh access token .*SMTP\.Send/);
    assert.deepEqual(f.data.oauthError, {
      status: '401',
      schemes: 'bearer',
      scope: 'https://outlook.office.com/SMTP.Send',
    });
    assert.ok(lines(res).some((l) => l.includes(`(decoded: ${ERROR_JSON})`)));
  });
}

test('AUTH PLAIN refused with 550 5.7.30 (Exchange Online without Basic auth): the fix is OAuth, --auth xoauth2', async () => {
  const s = await servers.start(
    oauthServer(
      'LOGIN PLAIN XOAUTH2',
      true,
      {},
      '550 5.7.30 Basic authentication is not supported for Client Submission',
    ),
  );
  const { r, res } = await send(s.port, 'plain', { MAILFLOW_PASSWORD: 'a-password-1' });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const f = res.findings.find((x: { id: string }) => x.id === 'send.auth-failed');
  assert.ok(f, JSON.stringify(res.findings));
  assert.match(f.detail, /Basic authentication is not supported/);
  assert.match(f.fix, /OAuth/);
  assert.match(f.fix, /mailflow send --auth xoauth2/);
});

test('an unlisted PLAIN is tried (servers may take it); refused with 504 it is send.auth-not-offered naming GSSAPI, NTLM', async () => {
  const seen: Seen = {};
  const s = await servers.start(
    oauthServer('GSSAPI NTLM', true, seen, '504 5.7.4 Unrecognized authentication type'),
  );
  const { r, res } = await send(s.port, 'plain', { MAILFLOW_PASSWORD: 'a-password-1' });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.ok(seen.initial !== undefined, 'AUTH PLAIN was tried');
  const f = res.findings.find((x: { id: string }) => x.id === 'send.auth-not-offered');
  assert.ok(f, JSON.stringify(res.findings));
  assert.match(f.detail, /does not offer AUTH PLAIN; it offers GSSAPI, NTLM/);
  assert.match(f.detail, /504 5\.7\.4/);
});

test('a token mechanism the server does not offer: send.auth-not-offered names the ones it offers; no token is sent', async () => {
  const seen: Seen = {};
  const s = await servers.start(oauthServer('PLAIN LOGIN', true, seen));
  const { r, res } = await send(s.port, 'xoauth2');
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const f = res.findings.find((x: { id: string }) => x.id === 'send.auth-not-offered');
  assert.ok(f, JSON.stringify(res.findings));
  assert.match(f.detail, /does not offer AUTH XOAUTH2; it offers PLAIN, LOGIN/);
  assert.match(f.fix, /--auth plain, or --auth login/);
  assert.deepEqual(f.data.offered, ['PLAIN', 'LOGIN']);
  assert.equal(seen.initial, undefined);
});

test('--auth xoauth2 refuses a password source, and --token-file needs an OAuth mechanism (exit 3)', async () => {
  const a = await runCli([
    'send',
    '--server',
    '127.0.0.1:1',
    '--auth',
    'xoauth2',
    '--user',
    USER,
    '--password-file',
    '/dev/null',
    '--from',
    USER,
    '--to',
    'b@c.test',
  ]);
  assert.equal(a.code, 3);
  assert.match(a.stderr, /takes an OAuth token/);
  const b = await runCli([
    'send',
    '--server',
    '127.0.0.1:1',
    '--auth',
    'login',
    '--user',
    USER,
    '--token-file',
    '/dev/null',
    '--from',
    USER,
    '--to',
    'b@c.test',
  ]);
  assert.equal(b.code, 3);
  assert.match(b.stderr, /--token-file is for --auth xoauth2/);
});

test('--user and --token-file without --auth: the server lists LOGIN PLAIN XOAUTH2, so the token goes with XOAUTH2', async () => {
  const seen: Seen = {};
  const s = await servers.start(oauthServer('LOGIN PLAIN XOAUTH2', true, seen));
  const file = join(tmp, 'token-auto');
  writeFileSync(file, `${TOKEN}\n`);
  const { r, res } = await send(s.port, undefined, {}, ['--token-file', file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(seen.initial, `user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`);
  assert.deepEqual(res.data.auth, {
    mechanism: 'XOAUTH2',
    chosenBy: 'server',
    order: ['OAUTHBEARER', 'XOAUTH2'],
  });
});

test('--user and --token-file without --auth, and no OAuth offered: send.auth-not-offered before any token is sent', async () => {
  const seen: Seen = {};
  const s = await servers.start(oauthServer('PLAIN LOGIN', true, seen));
  const file = join(tmp, 'token-auto-none');
  writeFileSync(file, `${TOKEN}\n`);
  const { r, res } = await send(s.port, undefined, {}, ['--token-file', file]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.equal(seen.initial, undefined);
  const f = res.findings.find((x: { id: string }) => x.id === 'send.auth-not-offered');
  assert.ok(f, JSON.stringify(res.findings));
  assert.match(
    f.detail,
    /offers none of the mechanisms mailflow chooses from \(OAUTHBEARER, XOAUTH2\); it offers PLAIN, LOGIN/,
  );
  assert.match(f.fix, /no OAuth mechanism.*drop --token-file; it offers plain, login/);
  assert.deepEqual(f.data.offered, ['PLAIN', 'LOGIN']);
  assert.deepEqual(res.data.auth, { mechanism: null, chosenBy: 'server', order: ['OAUTHBEARER', 'XOAUTH2'] });
});

test('--user with a password and without --auth, under TLS: PLAIN, the first of PLAIN, LOGIN, CRAM-MD5 the server lists', async () => {
  const seen: Seen = {};
  const s = await servers.start(oauthServer('LOGIN PLAIN XOAUTH2', true, seen));
  const { r, res } = await send(s.port, undefined, { MAILFLOW_PASSWORD: 'a-password-1' });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(seen.initial, `\0${USER}\0a-password-1`);
  assert.deepEqual(res.data.auth, {
    mechanism: 'PLAIN',
    chosenBy: 'server',
    order: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
  });
  assert.ok(lines(res).some((l) => l.startsWith('C: AUTH PLAIN ********')));
});

test('--token-file with --user alone excludes a password source (exit 3)', async () => {
  const r = await runCli([
    'send',
    '--server',
    '127.0.0.1:1',
    '--user',
    USER,
    '--token-file',
    '/dev/null',
    '--password-file',
    '/dev/null',
    '--from',
    USER,
    '--to',
    'b@c.test',
  ]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /--token-file gives an OAuth token; it excludes --password and --password-file/);
});

test('the token appears in no output of any run, raw or in any base64 form', () => {
  assert.ok(runs.length >= 5, `only ${runs.length} runs`);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const forms = [
    TOKEN,
    b64(TOKEN),
    b64(`user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`),
    b64(`n,a=${USER},\x01auth=Bearer ${TOKEN}\x01\x01`),
  ];
  for (const r of runs) {
    for (const f of forms) {
      assert.ok(!r.stdout.includes(f), `token form in stdout: ${f.slice(0, 12)}…`);
      assert.ok(!r.stderr.includes(f), `token form in stderr: ${f.slice(0, 12)}…`);
    }
  }
});
