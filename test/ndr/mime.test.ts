import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText } from '../../src/ndr/mime/charset.js';
import { decodeWords, fromQuotedPrintable } from '../../src/ndr/mime/encoding.js';
import { parseContentType } from '../../src/ndr/mime/headers.js';
import { bodyText, htmlToText, parseMessage } from '../../src/ndr/mime/parse.js';
import { collectParts } from '../../src/ndr/mime/walk.js';

const bin = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

test('RFC 2047 encoded words: B and Q, adjacent words joined, several charsets', () => {
  assert.equal(decodeWords('=?UTF-8?B?0J/RgNC40LLQtdGC?= world'), 'Привет world');
  assert.equal(decodeWords('=?iso-8859-1?Q?D=E9livr=E9?= =?iso-8859-1?Q?_failed?='), 'Délivré failed');
  assert.equal(decodeWords('=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?='), 'こんにちは');
  assert.equal(decodeWords('=?windows-1252?Q?=93quoted=94?='), '\u201cquoted\u201d');
  assert.equal(decodeWords('=?x-bogus?Q?abc?='), 'abc');
});

test('charsets: shift_jis, windows-1252, unlabelled UTF-8 and Latin-1 fallback', () => {
  assert.equal(decodeText(Buffer.from([0x82, 0xa0]).toString('latin1'), 'shift_jis'), 'あ');
  assert.equal(decodeText('\x80', 'windows-1252'), '€');
  assert.equal(decodeText(bin('café')), 'café');
  assert.equal(decodeText('caf\xe9'), 'caf\xe9');
});

test('quoted-printable soft breaks and hex escapes', () => {
  assert.equal(fromQuotedPrintable('Final-Reci=\npient: rfc822; a=3Db@x'), 'Final-Recipient: rfc822; a=b@x');
});

test('content-type parameters: quotes, case, RFC 2231 continuations', () => {
  const ct = parseContentType('Multipart/Report; report-type=delivery-status;\tboundary="a;b"');
  assert.equal(ct.type, 'multipart/report');
  assert.equal(ct.params.boundary, 'a;b');
  assert.equal(parseContentType('text/plain; name*0="ab"; name*1="cd"').params.name, 'abcd');
  assert.equal(parseContentType(undefined).type, 'text/plain');
  assert.equal(parseContentType('garbage').type, 'text/plain');
});

const NESTED = [
  'From: MAILER-DAEMON@example.org',
  'Subject: =?utf-8?Q?Undelivered?=',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="inner"',
  '',
  '--inner',
  'Content-Type: text/plain; charset=iso-8859-1',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Gr=FC=DFe: delivery failed',
  '--inner',
  'Content-Type: message/delivery-status',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('Final-Recipient: rfc822; a@example.com\nStatus: 5.1.1\n').toString('base64'),
  '--inner--',
  '--outer',
  'Content-Type: message/rfc822',
  '',
  'To: b@example.net',
  'Subject: hi',
  '',
  '550 5.7.1 this text belongs to the original message',
  '--outer',
  'Content-Type: text/rfc822-headers',
  '',
  'To: c@example.net',
  '--outer--',
  '',
].join('\r\n');

test('nested multiparts, base64 report, QP Latin-1 text, returned message kept apart (CRLF input)', () => {
  const root = parseMessage(NESTED);
  assert.equal(root.headers.text('subject'), 'Undelivered');
  const p = collectParts(root);
  assert.deepEqual(p.texts, ['Grüße: delivery failed']);
  assert.equal(p.reports.length, 1);
  assert.match(p.reports[0]!, /Status: 5\.1\.1/);
  assert.equal(p.returned.length, 2);
  assert.equal(p.returned[0]!.get('to'), 'b@example.net');
  assert.equal(p.returned[1]!.get('to'), 'c@example.net');
  assert.ok(!p.texts.join().includes('original message'));
});

test('bare CR line ends and a fragment without headers', () => {
  const root = parseMessage('Subject: x\rContent-Type: text/plain\r\rbody line\rsecond');
  assert.equal(bodyText(root), 'body line\nsecond');
  const frag = parseMessage('550 5.1.1 <x@y>: Recipient address rejected');
  assert.equal(frag.headers.size, 0);
  assert.equal(bodyText(frag), '550 5.1.1 <x@y>: Recipient address rejected');
});

test('html parts are reduced to text; missing closing boundary tolerated', () => {
  assert.equal(
    htmlToText('<p>Remote&nbsp;Server returned &#39;550&#39;</p><br>x'),
    "Remote Server returned '550'\n\nx",
  );
  const root = parseMessage('Content-Type: multipart/mixed; boundary=b\n\n--b\n\nonly part\n');
  assert.deepEqual(collectParts(root).texts, ['only part\n']);
});

test('deep nesting and many parts stay bounded', () => {
  let msg = 'x';
  for (let i = 0; i < 50; i++)
    msg = `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n${msg}\n--b${i}--\n`;
  assert.doesNotThrow(() => collectParts(parseMessage(msg)));
  const many = `Content-Type: multipart/mixed; boundary=z\n\n${'--z\n\nx\n'.repeat(5000)}--z--\n`;
  assert.ok(collectParts(parseMessage(many)).texts.length <= 400);
});
