// probe, ehlo and the SMTP client against a real Postfix on loopback (private instance,
// private CA, STARTTLS). Skipped only when Postfix is missing and CI does not require it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { SmtpSession } from '../../src/smtp/session.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';

const skip = skipServers();
let pf: PostfixInstance | undefined;

before(async () => {
  if (!skip) pf = await startPostfix();
});
after(async () => {
  await pf?.stop();
});

const opts = { skip, timeout: 60_000 };

/** `ehlo <postfix> [extra] --helo-name client.example.net --json`: the run and its one result. */
async function ehloJson(p: PostfixInstance, extra: string[]) {
  const args = ['--helo-name', 'client.example.net', '--json', '--timeout', '5'];
  const res = await runCli(['ehlo', `${p.host}:${p.port}`, ...extra, ...args], { timeoutMs: 30_000 });
  const [r] = jsonLines(res.stdout);
  return { res, r };
}

test('probe: Postfix answers with its 220 greeting', opts, async () => {
  const p = pf!;
  const res = await runCli(['probe', `${p.host}:${p.port}`, '--json', '--timeout', '5'], {
    timeoutMs: 30_000,
  });
  assert.equal(res.code, 0, res.stderr + res.stdout);
  const [r] = jsonLines(res.stdout);
  assert.equal(r.findings[0].id, 'probe.open');
  assert.match(r.data.results[0].greeting[0], new RegExp(`^220 ${p.myhostname} ESMTP`));
  assert.ok(r.metrics.some((m: { name: string }) => m.name === 'probe_greeting'));
});

test('probe --ports: the smtpd and submission ports together', opts, async () => {
  const p = pf!;
  const res = await runCli(
    ['probe', p.host, '--ports', `${p.port},${p.submissionPort}`, '--json', '--timeout', '5'],
    {
      timeoutMs: 30_000,
    },
  );
  assert.equal(res.code, 0, res.stderr + res.stdout);
  const [r] = jsonLines(res.stdout);
  assert.deepEqual(
    r.data.results.map((x: { outcome: string }) => x.outcome),
    ['open', 'open'],
  );
});

test('ehlo --starttls: postfix profile detected, both lists, verified certificate', opts, async () => {
  const p = pf!;
  const { res, r } = await ehloJson(p, ['--starttls', '--ca', p.caFile]);
  const ids = r.findings.map((f: { id: string }) => f.id);
  assert.ok(ids.includes('ehlo.ok'), JSON.stringify(r.findings));
  assert.ok(ids.includes('ehlo.tls-cert'));
  // The test CA issues short-lived certificates, so an expiry warning (exit 1) is expected.
  assert.ok(res.code === 0 || res.code === 1, JSON.stringify(r.findings));
  assert.ok(!r.findings.some((f: { severity: string }) => f.severity === 'fail'), JSON.stringify(r.findings));
  assert.equal(r.data.profile, 'postfix');
  assert.ok(r.data.extensions.includes('STARTTLS'));
  assert.ok(r.data.extensions.includes('PIPELINING'));
  assert.ok(
    !r.data.extensions.some((e: string) => e.startsWith('AUTH')),
    'no AUTH before TLS (smtpd_tls_auth_only)',
  );
  assert.ok(
    r.data.extensionsAfterTls.some((e: string) => e.startsWith('AUTH')),
    'AUTH after TLS',
  );
  assert.equal(r.data.tls.chainVerified, true);
  assert.equal(r.data.tls.validForHost, true);
  assert.match(r.data.tls.protocol, /^TLSv1\.[23]$/);
  assert.ok(r.data.tls.certificate.san.includes('mx.local.test'));
});

test('ehlo without the private CA: the chain does not verify, reported not fatal', opts, async () => {
  const p = pf!;
  const { r } = await ehloJson(p, ['--starttls']);
  assert.equal(r.data.tls.chainVerified, false);
  const cert = r.findings.find((f: { id: string }) => f.id === 'ehlo.tls-cert');
  assert.match(cert.title, /chain does not verify/);
});

test('ehlo --expect a verb Postfix does not offer: ehlo.missing-verbs', opts, async () => {
  const p = pf!;
  const { res, r } = await ehloJson(p, ['--expect', 'XEXCH50']);
  assert.equal(res.code, 2);
  assert.deepEqual(r.data.missing, ['XEXCH50']);
});

test('session: STARTTLS, pipelined MAIL/RCPT, an unknown user, and the transcript', opts, async () => {
  const p = pf!;
  const s = new SmtpSession({
    host: p.host,
    port: p.port,
    servername: p.myhostname,
    timeouts: { connect: 5000, greeting: 5000, reply: 5000, deadline: 30_000 },
    tls: { ca: readFileSync(p.caFile, 'utf8') },
  });
  try {
    await s.connect();
    assert.equal((await s.greeting()).code, 220);
    await s.ehlo('client.example.net');
    assert.equal((await s.starttls()).code, 220);
    assert.equal(s.tls?.chainVerified, true);
    await s.ehlo('client.example.net');
    const [mail, known, unknown] = await s.pipeline([
      'MAIL FROM:<sender@example.net>',
      `RCPT TO:<${p.knownUsers[0]}@${p.localDomain}>`,
      `RCPT TO:<nobody-here@${p.localDomain}>`,
    ]);
    assert.equal(mail!.code, 250);
    assert.equal(known!.code, 250);
    assert.equal(unknown!.code, 550);
    assert.equal(unknown!.enhanced, '5.1.1');
    assert.equal((await s.command('RSET')).code, 250);
    await s.quit();
    assert.match(s.transcript.format().join('\n'), /TLS established/);
  } finally {
    s.close();
  }
});
