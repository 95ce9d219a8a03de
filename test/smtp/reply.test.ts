import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SmtpError } from '../../src/smtp/errors.js';
import { parseEhlo } from '../../src/smtp/extensions.js';
import { formatReply, isPositive, parseReply, ReplyParser } from '../../src/smtp/reply.js';
import { EXAMPLE_1, EXAMPLE_2, multiline } from '../helpers/fake-smtp.js';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SmtpError, String(e));
    return e.code;
  }
  return 'no error';
};

test('single-line reply with enhanced status code', () => {
  const r = parseReply('250 2.1.0 Sender OK');
  assert.equal(r.code, 250);
  assert.equal(r.enhanced, '2.1.0');
  assert.deepEqual(r.lines, ['2.1.0 Sender OK']);
});

test('enhanced code must agree with the reply class', () => {
  assert.equal(parseReply('250 5.1.1 odd').enhanced, undefined);
});

test('multi-line reply; bare code as the last line; bare LF accepted', () => {
  const p = new ReplyParser();
  const out = p.push(Buffer.from('250-a\n250-b\r\n250\r\n'));
  assert.equal(out.length, 1);
  assert.deepEqual(out[0]!.lines, ['a', 'b', '']);
});

test('replies split across chunks and several replies in one chunk (pipelining)', () => {
  const p = new ReplyParser();
  assert.deepEqual(p.push(Buffer.from('25')), []);
  assert.deepEqual(p.push(Buffer.from('0-x\r\n250 y\r')), []);
  const out = p.push(Buffer.from('\n250 2.1.5 ok\r\n354 go\r\n'));
  assert.deepEqual(
    out.map((r) => r.code),
    [250, 250, 354],
  );
  assert.equal(p.buffered, 0);
});

test('mismatched codes inside one reply are an error', () => {
  assert.equal(
    code(() => parseReply('250-a\r\n220 b')),
    'code-mismatch',
  );
});

test('malformed lines are an error', () => {
  for (const text of ['hello there', '25 short', '699 out of range', '250_x'])
    assert.equal(
      code(() => parseReply(text)),
      'malformed-reply',
      text,
    );
});

test('limits: line length (before the line ends), reply size, line count', () => {
  const p = new ReplyParser({ maxLineLength: 100, maxReplyBytes: 1000, maxLines: 5 });
  assert.equal(
    code(() => p.push(Buffer.from(`220 ${'x'.repeat(200)}`))),
    'line-too-long',
  );
  const q = new ReplyParser({ maxLineLength: 100, maxReplyBytes: 300, maxLines: 50 });
  assert.equal(
    code(() => q.push(Buffer.from(`250-${'y'.repeat(90)}\r\n`.repeat(5)))),
    'reply-too-large',
  );
  const r = new ReplyParser({ maxLineLength: 100, maxReplyBytes: 10000, maxLines: 5 });
  assert.equal(
    code(() => r.push(Buffer.from('250-z\r\n'.repeat(6)))),
    'too-many-lines',
  );
});

test('control characters are neutralised', () => {
  const r = parseReply('220 evil\x1b[31m banner\x07');
  assert.equal(r.lines[0], 'evil?[31m banner?');
});

test('formatReply round-trips', () => {
  const text = multiline(250, ['a', 'b c']).join('\r\n');
  assert.deepEqual(formatReply(parseReply(text)), ['250-a', '250 b c']);
});

test('EHLO capabilities of the book Example 1 and 2', () => {
  const one = parseEhlo(parseReply(multiline(250, EXAMPLE_1).join('\r\n')));
  assert.equal(one.greetingName, 'mail1.example.com');
  assert.equal(one.size, 5242880);
  assert.ok(one.pipelining && one.chunking && one.eightBitMime && one.dsn && one.enhancedStatusCodes);
  assert.equal(one.starttls, false);
  assert.deepEqual(one.auth, ['GSSAPI', 'NTLM']);
  assert.deepEqual(one.xVerbs, ['X-EXPS GSSAPI NTLM', 'X-EXPS=LOGIN', 'X-LINK2STATE', 'XEXCH50']);
  const two = parseEhlo(parseReply(multiline(250, EXAMPLE_2).join('\r\n')));
  assert.deepEqual(two.xVerbs, []);
});

test('old AUTH=LOGIN form adds mechanisms', () => {
  const c = parseEhlo(parseReply('250-h\r\n250-AUTH=LOGIN PLAIN\r\n250 AUTH CRAM-MD5'));
  assert.deepEqual(c.auth.sort(), ['CRAM-MD5', 'LOGIN', 'PLAIN']);
});

test('escape sequences and bidirectional overrides in a reply are neutralised', () => {
  const r = parseReply('220 mx.example.test \x1b[2J ESMTP \u202Egnp.exe\u202C ready');
  assert.equal(r.lines[0], 'mx.example.test ?[2J ESMTP ?gnp.exe? ready');
});

test('isPositive: a 2yz reply completes a command; 3yz (354) and 4yz/5yz do not (relay sends RCPT only after it)', () => {
  assert.equal(isPositive(parseReply('250 2.1.0 Ok\r\n')), true);
  assert.equal(isPositive(parseReply('251 forwarding\r\n')), true);
  assert.equal(isPositive(parseReply('354 End data with <CR><LF>.<CR><LF>\r\n')), false);
  assert.equal(isPositive(parseReply('452 4.3.1 Insufficient storage\r\n')), false);
  assert.equal(isPositive(parseReply('550 5.7.1 No\r\n')), false);
});
