// Pure parts of `mailflow send`: the message, dot-stuffing, addresses, AUTH display and
// redaction, password sources, queue ids.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/findings/errors.js';
import { checkAddress, checkHeloName, parseSmtpServer } from '../../src/send/address.js';
import {
  decodeChallenge,
  decorateAuth,
  MASK,
  oauthBearerResponse,
  parseOAuthError,
  Secrets,
  xoauth2Response,
} from '../../src/send/auth.js';
import { dsnMailParams, dsnRcptParams, xtext } from '../../src/send/dsn.js';
import {
  buildMessage,
  dataPayload,
  dotStuff,
  encodeHeaderValue,
  messageFromFile,
  rfc5322Date,
  toCrlf,
} from '../../src/send/message.js';
import { resolvePassword } from '../../src/send/password.js';
import { parseQueueId } from '../../src/send/queue-id.js';
import type { TranscriptEntry } from '../../src/smtp/transcript.js';

const spec = {
  from: 'sfine@example.com',
  to: ['tbremmer@contoso.com'],
  heloName: 'client.example.com',
  server: 'mail1',
};

test('default message has the RFC 5322 headers and a body saying what sent it', () => {
  const now = new Date('2026-11-28T05:41:00Z');
  const m = buildMessage({ ...spec, now });
  const [head, body] = m.text.split('\r\n\r\n');
  for (const h of ['Date', 'From', 'To', 'Subject', 'Message-ID', 'MIME-Version', 'Content-Type']) {
    assert.match(head!, new RegExp(`^${h}: `, 'm'), h);
  }
  assert.match(head!, /^Subject: mailflow test message 2026-11-28T05:41:00Z$/m);
  assert.match(head!, /^Message-ID: <mailflow\.[a-z0-9]+\.[0-9a-f]{12}@example\.com>$/m);
  assert.match(body!, /sent by mailflow/);
  assert.equal(m.subject, 'mailflow test message 2026-11-28T05:41:00Z');
  assert.ok(!/[^\r]\n/.test(m.text), 'only CRLF line ends');
});

test('RFC 5322 date format', () => {
  assert.match(
    rfc5322Date(new Date()),
    /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/,
  );
});

test('--subject, --body and --header override; non-ASCII header becomes an encoded-word', () => {
  const m = buildMessage({
    ...spec,
    subject: 'Grüße',
    body: 'hi',
    headers: ['X-Test: 1', 'From: Other <o@x.test>'],
  });
  assert.match(m.text, /^Subject: =\?UTF-8\?B\?R3LDvMOfZQ==\?=$/m);
  assert.match(m.text, /^X-Test: 1$/m);
  assert.match(m.text, /^From: Other <o@x.test>$/m);
  assert.equal(m.text.match(/^From:/gm)!.length, 1);
  assert.ok(m.text.endsWith('\r\n\r\nhi\r\n'));
  assert.equal(encodeHeaderValue('plain'), 'plain');
});

test('non-ASCII or over-long body lines go base64', () => {
  const m = buildMessage({ ...spec, body: 'x'.repeat(2000) });
  assert.match(m.text, /^Content-Transfer-Encoding: base64$/m);
  assert.ok(m.text.split('\r\n').every((l) => l.length <= 998));
});

test('CR, LF or NUL in subject, header or address is refused (command injection)', () => {
  assert.throws(() => buildMessage({ ...spec, subject: 'a\r\nBcc: x@y' }), UsageError);
  assert.throws(() => buildMessage({ ...spec, headers: ['X-A: b\nRCPT TO:<x@y>'] }), UsageError);
  assert.throws(() => buildMessage({ ...spec, headers: ['no colon'] }), UsageError);
  assert.throws(() => checkAddress('--to', 'a@b.test\r\nRSET'), UsageError);
  assert.throws(() => checkAddress('--from', 'a@b.test\0'), UsageError);
  assert.throws(() => checkHeloName('x.test\r\nMAIL FROM:<a@b>'), UsageError);
});

test('addresses: angle brackets stripped, null sender only where allowed, junk refused', () => {
  assert.equal(checkAddress('--to', ' <a@b.test> '), 'a@b.test');
  assert.equal(checkAddress('--from', '<>', true), '');
  assert.throws(() => checkAddress('--to', ''), UsageError);
  assert.throws(() => checkAddress('--to', 'a b@c.test'), UsageError);
  assert.throws(() => checkAddress('--to', 'nodomain'), UsageError);
  assert.throws(() => checkAddress('--to', 'a@'), UsageError);
});

test('--server host[:port] forms', () => {
  assert.deepEqual(parseSmtpServer('mail.example.com'), { host: 'mail.example.com' });
  assert.deepEqual(parseSmtpServer('mail.example.com:587'), { host: 'mail.example.com', port: 587 });
  assert.deepEqual(parseSmtpServer('[2001:db8::1]:25'), { host: '2001:db8::1', port: 25 });
  assert.deepEqual(parseSmtpServer('2001:db8::1'), { host: '2001:db8::1' });
  assert.throws(() => parseSmtpServer('host:99999'), UsageError);
  assert.throws(() => parseSmtpServer('host:25\r\n'), UsageError);
});

test('dot-stuffing and CRLF normalisation (RFC 5321 §4.5.2)', () => {
  assert.equal(toCrlf('a\nb\rc\r\nd'), 'a\r\nb\r\nc\r\nd\r\n');
  assert.equal(dotStuff('.a\r\nb\r\n.\r\n..c\r\n'), '..a\r\nb\r\n..\r\n...c\r\n');
  const wire = dataPayload('Subject: x\n\nline\n.\n.hidden\n').toString();
  assert.equal(wire, 'Subject: x\r\n\r\nline\r\n..\r\n..hidden\r\n');
  assert.ok(!wire.includes('\r\n.\r\n'), 'the body can never end DATA early');
});

test('--data file: line ends fixed, Message-ID and Subject read back, NUL refused', () => {
  const m = messageFromFile(Buffer.from('Subject: hello\nMessage-ID: <a@b>\n\nbody'));
  assert.equal(m.text, 'Subject: hello\r\nMessage-ID: <a@b>\r\n\r\nbody\r\n');
  assert.equal(m.messageId, '<a@b>');
  assert.equal(m.subject, 'hello');
  assert.throws(() => messageFromFile(Buffer.from('a\0b')), UsageError);
});

test('--data file: every byte is sent as read (a Latin-1 0xE9 stays 0xE9), and 8-bit is noticed', () => {
  const bytes = Buffer.from([...Buffer.from('Subject: x\n\ncaf'), 0xe9, 0x0a, 0xc3, 0xa9, 0x0a]);
  const m = messageFromFile(bytes);
  assert.equal(m.eightBit, true);
  const wire = dataPayload(m.text, m.encoding);
  assert.deepEqual(
    [...wire],
    [...Buffer.from('Subject: x\r\n\r\ncaf'), 0xe9, 0x0d, 0x0a, 0xc3, 0xa9, 0x0d, 0x0a],
  );
  assert.equal(messageFromFile(Buffer.from('Subject: caf\u00e9\n\nx')).subject, 'caf\u00e9');
});

test('Secrets scrubs the password raw, in base64 and inside a PLAIN blob', () => {
  const s = new Secrets('s3cret!', 'sfine');
  const b64 = Buffer.from('s3cret!').toString('base64');
  const plain = Buffer.from('\0sfine\0s3cret!').toString('base64');
  assert.equal(s.scrub(`x s3cret! ${b64} AUTH PLAIN ${plain}`), `x ${MASK} ${MASK} AUTH PLAIN ${MASK}`);
  assert.deepEqual(s.scrubValue({ a: ['s3cret!'], b: { c: b64 } }), { a: [MASK], b: { c: MASK } });
});

test('Secrets: quotes and backslashes in the password cannot slip past through JSON escaping', () => {
  const s = new Secrets('pa"ss\\wd', 'u');
  const out = JSON.stringify(s.scrubValue({ detail: 'server said pa"ss\\wd', list: ['pa"ss\\wd'] }));
  assert.ok(!out.includes('pa\\"ss'), out);
  assert.equal(new Secrets('abc').scrub('abc'), 'abc', 'a 3-character password is not masked in prose');
  assert.equal(new Secrets('abc').scrub(Buffer.from('abc').toString('base64')), MASK);
});

test('Secrets scrubs an OAuth token raw, in base64 and inside the whole XOAUTH2 and OAUTHBEARER responses', () => {
  const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.token';
  const s = new Secrets(token, 'alice@example.com');
  const b64 = (x: string) => Buffer.from(x).toString('base64');
  const x = b64(xoauth2Response('alice@example.com', token));
  const o = b64(oauthBearerResponse('alice@example.com', token));
  assert.equal(
    s.scrub(`${token} ${b64(token)} AUTH XOAUTH2 ${x} ${o}`),
    `${MASK} ${MASK} AUTH XOAUTH2 ${MASK} ${MASK}`,
  );
  assert.equal(
    oauthBearerResponse('a,b=c', 't'),
    'n,a=a=2Cb=3Dc,\x01auth=Bearer t\x01\x01',
    'RFC 7628 saslname escaping',
  );
});

test('the OAuth error challenge decodes to status, scope and schemes; anything else is ignored', () => {
  const c = (v: string) => Buffer.from(v).toString('base64');
  assert.deepEqual(
    parseOAuthError(c('{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}')),
    {
      status: '400',
      schemes: 'Bearer',
      scope: 'https://mail.google.com/',
    },
  );
  assert.deepEqual(parseOAuthError(c('{"status":401}')), { status: '401' });
  assert.equal(parseOAuthError(c('not json')), undefined);
  assert.equal(parseOAuthError(c('[1,2]')), undefined);
  assert.equal(parseOAuthError(''), undefined);
});

test('334 challenges decode; binary or non-base64 text does not', () => {
  assert.equal(decodeChallenge('VXNlcm5hbWU6'), 'Username:');
  assert.equal(decodeChallenge('UGFzc3dvcmQ6'), 'Password:');
  assert.equal(decodeChallenge('not base64!'), undefined);
  assert.equal(decodeChallenge(''), undefined);
});

test('decorateAuth shows SASL lines decoded and leaves later commands alone', () => {
  const e = (dir: 'C' | 'S', text: string): TranscriptEntry => ({ t: 0, at: '', dir, text });
  const entries = [
    e('C', 'EHLO x'),
    e('C', 'AUTH LOGIN'),
    e('S', '334 VXNlcm5hbWU6'),
    e('C', '<redacted>'),
    e('S', '334 UGFzc3dvcmQ6'),
    e('C', '<redacted>'),
    e('S', '235 2.7.0 ok'),
    e('C', 'MAIL FROM:<a@b>'),
  ];
  const out = decorateAuth(entries, {
    from: 1,
    shown: ['AUTH LOGIN', 'c2ZpbmVz  (decoded: sfine)', `${MASK}  (decoded: ${MASK})`, 'extra'],
  });
  assert.deepEqual(
    out.map((x) => x.text),
    [
      'EHLO x',
      'AUTH LOGIN',
      '334 VXNlcm5hbWU6  (decoded: Username:)',
      'c2ZpbmVz  (decoded: sfine)',
      '334 UGFzc3dvcmQ6  (decoded: Password:)',
      `${MASK}  (decoded: ${MASK})`,
      '235 2.7.0 ok',
      'MAIL FROM:<a@b>',
    ],
  );
});

test('password sources: --password, then --password-file, then MAILFLOW_PASSWORD, then the prompt', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-pw-'));
  try {
    const file = join(dir, 'pw');
    writeFileSync(file, 'from-file\n');
    const prompt = async () => 'typed';
    assert.deepEqual(await resolvePassword({ option: 'opt', file, env: 'env', prompt, user: 'u' }), {
      password: 'opt',
      source: 'option',
    });
    assert.equal((await resolvePassword({ file, env: 'env', prompt, user: 'u' })).password, 'from-file');
    assert.equal((await resolvePassword({ env: 'env', prompt, user: 'u' })).password, 'env');
    assert.equal((await resolvePassword({ prompt, user: 'u' })).password, 'typed');
    await assert.rejects(resolvePassword({ user: 'u' }), /MAILFLOW_PASSWORD/);
    await assert.rejects(resolvePassword({ file: join(dir, 'missing'), user: 'u' }), UsageError);
    // In words, not as the errno code: "ENOENT" means nothing to most people.
    await assert.rejects(
      resolvePassword({ file: join(dir, 'missing'), user: 'u' }),
      /cannot read --password-file \S+missing: no such file or directory$/,
    );
    await assert.rejects(resolvePassword({ file: dir, user: 'u' }), /: it is a directory, not a file$/);
    await assert.rejects(
      resolvePassword({ option: 'a\nb', user: 'u' }),
      (e: Error) => !e.message.includes('a\nb'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("queue ids from Postfix, the book's Exchange 2000, Exim, Sendmail and Gmail replies", () => {
  assert.equal(parseQueueId('250 2.0.0 Ok: queued as 4Bz3kQ1xYz'), '4Bz3kQ1xYz');
  assert.equal(
    parseQueueId('250 2.6.0 <INET-IMC-01UWr81nn9000fbad8@mail1.example.com> Queued mail for delivery'),
    '<INET-IMC-01UWr81nn9000fbad8@mail1.example.com>',
  );
  assert.equal(parseQueueId('250 OK id=1rAbcD-000123-4x'), '1rAbcD-000123-4x');
  assert.equal(parseQueueId('250 2.0.0 4ABC123x012345 Message accepted for delivery'), '4ABC123x012345');
  assert.equal(parseQueueId('250 2.0.0 OK  1700000000 a1-20020a05.123 - gsmtp'), 'a1-20020a05.123');
  assert.equal(parseQueueId('250 Queued mail for delivery'), undefined);
  assert.equal(parseQueueId('250 Ok'), undefined);
});

test('DSN parameters: xtext-encoded, NOTIFY per recipient, RET and ENVID on MAIL', () => {
  assert.equal(xtext('a+b=c d@ex.test'), 'a+2Bb+3Dc+20d@ex.test');
  assert.equal(xtext('jöe@ex.test'), 'j+C3+B6e@ex.test');
  const dsn = { notify: ['success', 'failure'] as const, ret: 'hdrs' as const, envid: 'mailflow-1' };
  assert.deepEqual(dsnMailParams({ ...dsn, notify: [...dsn.notify] }), ['RET=HDRS', 'ENVID=mailflow-1']);
  assert.deepEqual(dsnRcptParams({ ...dsn, notify: [...dsn.notify] }, 'bob@ex.test'), [
    'NOTIFY=SUCCESS,FAILURE',
    'ORCPT=rfc822;bob@ex.test',
  ]);
  assert.deepEqual(dsnRcptParams({ envid: 'x' }, 'bob@ex.test'), ['ORCPT=rfc822;bob@ex.test']);
  // Repeated values once; a non-ASCII address gets no rfc822 ORCPT (RFC 6533 would need utf-8).
  assert.deepEqual(dsnRcptParams({ notify: ['success', 'success'], envid: 'x' }, 'jöe@ex.test'), [
    'NOTIFY=SUCCESS',
  ]);
});
